package io.queuelens.alerts.entity;

public enum Severity {
    INFO, WARNING, CRITICAL
}
