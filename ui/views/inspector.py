"""Page: the NLU inspector."""
from ui import inspector, state

inspector.page(state.context())
