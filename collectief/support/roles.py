"""Which kinds of organisation ask for support and which pick it up (plain values of
``Organisation.Kind``, so that ``apps.py`` can use them before the models load)."""

ASKING_KINDS = ("bewonersinitiatief",)
# Sociaal werkers (wijkteam, welfare organisation) and the gemeente.
HELPING_KINDS = ("wijkteam", "welzijnsorganisatie", "gemeente")
