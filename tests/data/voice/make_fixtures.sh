#!/usr/bin/env bash
# Regenerate the spoken-command fixtures (16 kHz mono 16-bit WAV) with Debian's festival.
# Needs: apt-get install festival festvox-us-slt-hts festvox-kallpc16k sox
# The tests only read the committed WAVs; festival is not needed to run them.
set -euo pipefail
cd "$(dirname "$0")"
say() {  # say VOICE FILE TEXT
  local tmp; tmp=$(mktemp --suffix=.wav)
  echo "$3" | text2wave -eval "(voice_$1)" -o "$tmp"
  sox "$tmp" -r 16000 -c 1 -b 16 "$2"
  rm -f "$tmp"
}
say kal_diphone dentist_friday.wav "schedule a dentist appointment on friday at ten am"
say cmu_us_slt_arctic_hts play_jazz.wav "play some jazz"
say cmu_us_slt_arctic_hts lunch_priya.wav "add lunch with priya tomorrow at noon"
