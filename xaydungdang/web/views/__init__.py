"""Views, one module per area; each module only parses the request, asks accounts.scope
what the user may see and calls the apps' actions and readers."""
