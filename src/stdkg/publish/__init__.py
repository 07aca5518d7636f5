"""Publishing the graph as dereferenceable linked data: static site, live server, link checker.

Modules, each importing only modules listed before it: :mod:`.rebase` (moving data IRIs to another
base), :mod:`.conneg` (document formats and Accept negotiation), :mod:`.sparql` (the read-only SPARQL
protocol), :mod:`.indexes` (the index pages), :mod:`.model` (the site model: things, documents, names,
graph accessors), :mod:`.render` (Jinja2 templates), :mod:`.chrome` (links, values and the frame every
page shares), :mod:`.diagram` (the SVG picture), :mod:`.ontology` and :mod:`.void` (the ontology and
dataset documents), :mod:`.resource_page` and :mod:`.pages` (the HTML pages), :mod:`.site` (every
document by path), :mod:`.webserver` (Apache and nginx rules), :mod:`.static` (writing the static
site), :mod:`.query_pool`, :mod:`.sparql_route` and :mod:`.server` (the live server) and
:mod:`.linkcheck`. Nothing heavy is imported here.
"""
