package io.queuelens.web.reports;

import io.queuelens.cdrs.boundary.CdrSearch;
import io.queuelens.cdrs.entity.CdrListing;
import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.cdrs.entity.CdrSort;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The CDR table's rows, a page at a time from the database: the table's sort field goes through
 * {@link CdrSort}'s whitelist (an unknown one sorts by call date), and paging is LIMIT/OFFSET.
 */
public class CdrLazyModel extends LazyDataModel<CdrListing> {

    private static final long serialVersionUID = 1L;

    /** Builds the query for (sort, ascending, offset, limit) from the page's filters. */
    public interface QueryFactory extends java.io.Serializable {
        CdrQuery query(CdrSort sort, boolean ascending, int offset, int limit);
    }

    private final CdrSearch search; // a serializable EJB proxy
    private final QueryFactory queries;

    public CdrLazyModel(CdrSearch search, QueryFactory queries) {
        this.search = search;
        this.queries = queries;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, search.count(queries.query(CdrSort.CALLDATE, false, 0, 1)));
    }

    @Override
    public List<CdrListing> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta meta = sortBy == null ? null : sortBy.values().stream().filter(SortMeta::isActive).findFirst().orElse(null);
        CdrSort sort = meta == null ? CdrSort.CALLDATE : sortOf(meta.getField());
        boolean ascending = meta != null && meta.getOrder() == SortOrder.ASCENDING;
        int size = Math.max(1, Math.min(pageSize, CdrQuery.MAX_LIMIT));
        return search.rows(queries.query(sort, ascending, Math.max(0, first), size));
    }

    /** A column's field ("calldate", or "calldate()" from a record accessor) to a whitelisted sort. */
    static CdrSort sortOf(String field) {
        return CdrSort.of(field == null ? null : field.replace("()", "")).orElse(CdrSort.CALLDATE);
    }

    @Override
    public String getRowKey(CdrListing row) {
        return Long.toString(row.id());
    }

    @Override
    public CdrListing getRowData(String rowKey) {
        List<CdrListing> page = getWrappedData();
        return page == null ? null : page.stream().filter(r -> getRowKey(r).equals(rowKey)).findFirst().orElse(null);
    }
}
