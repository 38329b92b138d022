"""The life of a case: creation, routing to a provider, deadlines, actions, handover, withdrawal."""
