"""Upload connectors: the plugin API, discovery, credentials and the conformance kit."""
