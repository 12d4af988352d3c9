"""Page: the assistant (chat and calendar)."""
from ui import chat, state

chat.page(state.context())
