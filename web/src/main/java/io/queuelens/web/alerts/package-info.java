/** The alerts page (/alerts/alerts.xhtml) and the labels of the alert toasts every page shows. */
package io.queuelens.web.alerts;
