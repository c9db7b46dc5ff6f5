"""The analyst's desk (`rightswatch serve`): a read-only web view of the warehouse, server rendered."""
