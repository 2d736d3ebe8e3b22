"""The API over the marts: the metric catalog, the query layer, the app store, access, routes."""
