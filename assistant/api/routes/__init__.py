"""The API's routers, one module per door: NLU (parse, Rasa), chat, events (CRUD, .ics)."""
