"""The Streamlit demo (`streamlit run ui/app.py`): chat with the assistant, see its calendar."""
