"""The site: page paths and links (routes), escaping (markup), one function per page kind (pages), charts, source
passages, JSON-LD, explorer views, and the templates that present them. Nothing here knows MkDocs."""
