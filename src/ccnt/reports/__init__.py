"""The monthly report 零碳录月报: build (data) → render (Markdown / HTML / Word / PDF).

``build.py`` turns the month's published policies into a plain tree (``MonthlyReport``);
``prose.py`` writes each section's lead paragraph from computed facts; ``drafts.py`` stores a
tree as an editable draft (sections and entries) and freezes it on publication; the
``render_*`` modules turn a tree into each format.
"""
