"""Non-state actors and their commitments, in one app: the models (``models``), the curators'
admin (``admin``, with the edit history's snapshots in ``history``), the public pages (``views``;
their routes stay in ``tracker.urls`` under the site's URL names), the queries they and the API
share (``data``), the commitments' export (``export``) and the demo loader (``loaders``).

What stays elsewhere, on purpose: recognising actors in a text is pure analysis
(``ccnt.analysis.actors``, no Django); ``/api/v1/actors/`` is the API app's
(``ccnt.api.views_actors``), beside every other endpoint and its schema; turning a press release
into a commitment draft is the ingest stage's (``ccnt.ingest.commitments``); the monthly report's
part for actors is the report's (``ccnt.reports.actors``). Each of those imports this app, never
the other way round.
"""
