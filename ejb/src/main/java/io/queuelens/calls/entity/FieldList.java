package io.queuelens.calls.entity;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array the parser just filled and hands over: one object instead of a
 * copy per line. Equality and hashing are those of any {@link java.util.List}.
 */
final class FieldList extends AbstractList<String> implements RandomAccess {

    private final String[] fields;

    FieldList(String[] fields) {
        this.fields = fields;
    }

    @Override
    public String get(int index) {
        return fields[index];
    }

    @Override
    public int size() {
        return fields.length;
    }
}
