"""Page: the assistant (chat and calendar)."""

from ui import chat_panel, state

chat_panel.page(state.context())
