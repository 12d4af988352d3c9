def test_settings_asr_model_folder_is_read_with_the_others(tmp_path):
    # ASR_MODEL goes through Settings like every other variable of the assistant package
    from assistant.settings import Settings

    assert Settings.from_env({}).asr_model is None
    assert Settings.from_env({"ASR_MODEL": str(tmp_path)}).asr_model == tmp_path
