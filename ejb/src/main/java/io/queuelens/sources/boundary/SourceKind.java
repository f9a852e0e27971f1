package io.queuelens.sources.boundary;

public enum SourceKind {
    DEMO, ASTERISK, GENESYS
}
