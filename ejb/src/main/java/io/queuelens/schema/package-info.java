/** The app database's schema: Flyway migrations in {@code db/migration}, run at startup before anything else. */
package io.queuelens.schema;
