package io.queuelens.alerts.entity;

/**
 * Where a rule's notifications go besides the in-app toast. The target is: EMAIL comma-separated addresses;
 * WEBHOOK_GENERIC and WEBHOOK_SLACK an http(s) URL; WEBHOOK_TELEGRAM the chat id (the bot token is the
 * channel's secret).
 */
public enum ChannelKind {
    EMAIL, WEBHOOK_GENERIC, WEBHOOK_SLACK, WEBHOOK_TELEGRAM
}
