"""Publishing the graph as dereferenceable linked data: static site, live server, link checker.

Modules: :mod:`.site` (the site model and static publishing), :mod:`.render` (Jinja2 templates),
:mod:`.conneg` (Accept negotiation), :mod:`.void` (VoID + DCAT), :mod:`.diagram` (the SVG picture),
:mod:`.sparql` (the read-only SPARQL protocol engine), :mod:`.server` (the ASGI app) and
:mod:`.linkcheck`. Nothing heavy is imported here.
"""
