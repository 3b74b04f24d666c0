"""Non-state actors and their commitments, in one app: the models (``models``), the curators'
admin (``admin``), the public pages (``views``, ``urls``), the queries they and the API share
(``data``) and the demo loader (``loaders``).

What stays elsewhere, on purpose: recognising actors in a text is pure analysis
(``ccnt.analysis.actors``, no Django); ``/api/v1/actors/`` is the API app's
(``ccnt.api.views_actors``), beside every other endpoint and its schema; turning a press release
into a commitment draft is the ingest stage's (``ccnt.ingest.commitments``); the monthly report's
part for actors is the report's (``ccnt.reports.actors``). Each of those imports this app, never
the other way round.
"""
