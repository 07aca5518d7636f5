"""Content-negotiation rules for plain web servers hosting the static site (Apache, nginx).

Both answer a request for a thing IRI (a path without suffix whose ``.html`` file exists) with
``303 See Other`` to the document chosen by ``Accept``, and add ``Vary: Accept``. Neither server can
weigh q-values in a rewrite rule: they pick the first RDF type mentioned and fall back to HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .model import SiteModel

_APACHE_TYPES = """\
AddType text/html .html
AddType text/css .css
AddType text/plain .txt
AddType application/xml .xml
AddType image/svg+xml .svg
AddType text/turtle .ttl
AddType application/n-triples .nt
AddType application/ld+json .jsonld
AddType application/rdf+xml .rdf
AddType application/gzip .gz
AddCharset utf-8 .html .css .txt .xml .ttl .nt .jsonld .rdf
<Files "void">
  ForceType text/turtle
</Files>
"""


def htaccess(site: SiteModel) -> str:
    """An Apache ``.htaccess`` for the site root (needs mod_rewrite, mod_headers, mod_mime)."""
    base_path = urlsplit(site.base).path
    return f"""# stdkg linked-data site — content negotiation for Apache httpd (mod_rewrite, mod_headers).
# Thing IRIs (no suffix) answer 303 See Other with the document the Accept header asks for.
# Apache cannot compare q-values here: the first matching rule wins, HTML is the default.
Options -MultiViews
DirectoryIndex index.html
ErrorDocument 404 {base_path}404.html
{_APACHE_TYPES}
RewriteEngine On
RewriteBase {base_path}

# the dataset description
RewriteRule ^\\.well-known/void$ void.ttl [R=303,L]

# thing IRIs: choose the document by Accept
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteCond %{{HTTP_ACCEPT}} text/turtle
RewriteRule ^(.+)$ $1.ttl [R=303,L,E=VARY_ACCEPT:1]
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteCond %{{HTTP_ACCEPT}} application/n-triples
RewriteRule ^(.+)$ $1.nt [R=303,L,E=VARY_ACCEPT:1]
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteCond %{{HTTP_ACCEPT}} application/ld\\+json
RewriteRule ^(.+)$ $1.jsonld [R=303,L,E=VARY_ACCEPT:1]
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteCond %{{HTTP_ACCEPT}} application/rdf\\+xml
RewriteRule ^(.+)$ $1.rdf [R=303,L,E=VARY_ACCEPT:1]
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteRule ^(.+)$ $1.html [R=303,L,E=VARY_ACCEPT:1]

Header always append Vary Accept env=REDIRECT_VARY_ACCEPT
Header always append Vary Accept env=VARY_ACCEPT
"""


def nginx_conf(site: SiteModel) -> str:
    """An nginx snippet in two parts: a ``map`` for the ``http`` block and a ``location`` for ``server``."""
    base_path = urlsplit(site.base).path
    return f"""# stdkg linked-data site — content negotiation for nginx.
# nginx cannot compare q-values in a map: the first matching pattern wins, HTML is the default.
# Put part 1 in your http {{}} block and part 2 in your server {{}} block, whose root is the folder
# written by `stdkg publish` (the site is mounted at {base_path}).

# == part 1: http {{}} block ==
map $http_accept $stdkg_ext {{
    default                      html;
    "~*text/html"                html;
    "~*text/turtle"              ttl;
    "~*application/n-triples"    nt;
    "~*application/ld\\+json"     jsonld;
    "~*application/rdf\\+xml"     rdf;
}}

# == part 2: server {{}} block ==
location {base_path} {{
    types {{
        text/html               html;
        text/css                css;
        text/turtle             ttl;
        application/n-triples   nt;
        application/ld+json     jsonld;
        application/rdf+xml     rdf;
        application/xml         xml;
        image/svg+xml           svg;
        application/gzip        gz;
        text/plain              txt;
    }}
    charset utf-8;
    charset_types text/css text/plain text/turtle application/n-triples application/ld+json application/rdf+xml application/xml;
    index index.html;
    error_page 404 {base_path}404.html;
    location = {base_path}.well-known/void {{
        add_header Vary Accept always;
        return 303 {base_path}void.$stdkg_ext;
    }}
    # a thing IRI: its .html document exists beside it
    if (-f $request_filename.html) {{
        add_header Vary Accept always;
        return 303 $uri.$stdkg_ext;
    }}
    try_files $uri $uri/ =404;
}}
"""
