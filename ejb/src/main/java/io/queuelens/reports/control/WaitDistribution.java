package io.queuelens.reports.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.reports.entity.WaitBand;
import io.queuelens.reports.entity.WaitBuckets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * How long callers waited, counted per band by the database in one aggregate query (one
 * {@code SUM(CASE ...)} per band) over the visits of a scope with the given outcomes: no visit row
 * leaves the database, however long the range.
 */
public final class WaitDistribution {

    private WaitDistribution() {
    }

    /** @param outcomes e.g. {ANSWERED} for the speed of answer, {ABANDONED} for how long callers held on */
    public static List<WaitBand> count(Connection c, VisitScope scope, Set<Outcome> outcomes, WaitBuckets buckets)
            throws SQLException {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("at least one outcome");
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < buckets.bandCount(); i++) {
            sql.append(i == 0 ? "" : ", ").append(buckets.upper(i) == null
                    ? "SUM(CASE WHEN wait_s >= ? THEN 1 ELSE 0 END)"
                    : "SUM(CASE WHEN wait_s >= ? AND wait_s < ? THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM queue_visit WHERE ").append(scope.where(""))
                .append(" AND outcome IN (").append(String.join(",", Collections.nCopies(outcomes.size(), "?"))).append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (int i = 0; i < buckets.bandCount(); i++) {
                ps.setInt(p++, buckets.lower(i));
                if (buckets.upper(i) != null) {
                    ps.setInt(p++, buckets.upper(i));
                }
            }
            p = scope.bind(ps, p);
            for (Outcome o : outcomes.stream().sorted().toList()) {
                ps.setString(p++, o.name());
            }
            List<WaitBand> bands = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next(); // an aggregate without GROUP BY always has one row; SUM of nothing is NULL, read as 0
                for (int i = 0; i < buckets.bandCount(); i++) {
                    bands.add(new WaitBand(buckets.lower(i), buckets.upper(i), rs.getLong(i + 1)));
                }
            }
            return bands;
        }
    }
}
