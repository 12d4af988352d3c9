"""Page: the NLU inspector."""

from ui import inspector_panel, state

inspector_panel.page(state.context())
