"""Pages of the signals app, one module per screen group.

entry: quick entry and the antenne form (signals); summary and discuss
(signals2) live beside it. ``signals_page`` is the shared decorator.
"""
