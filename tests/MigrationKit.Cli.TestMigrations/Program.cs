// The application itself does nothing: the tests only load its migrations through the tool.
return 0;
