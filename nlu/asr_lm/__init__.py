"""The recognizer's language model: built from our own training text (`python -m nlu asr-lm`).

See `nlu.asr_lm.builder`; the model ships in models/asr-calendar/.
"""
