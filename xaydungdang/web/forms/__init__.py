"""Forms: they parse and present; the apps' actions validate the domain rules."""
