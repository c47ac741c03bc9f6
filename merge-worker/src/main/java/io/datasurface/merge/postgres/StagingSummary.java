package io.datasurface.merge.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a batch needs to know of the staging rows it consumes before it applies them: how many
 * there are, their first and last ds_seq (0 when there are none), the ds_seq of the first it
 * cannot merge (null when it can merge them all), and how many of those after the merge table's
 * last key are not creates (when none is, the batch appends them in staging's order).
 */
record StagingSummary(long rows, long minSeq, long maxSeq, Long firstBadSeq, long notCreatedAfterLastKey) {
    static final StagingSummary NONE = new StagingSummary(0, 0, 0, null, 0);

    /** Reads the summary from the current row, its columns ({@link PostgresDialect#stagingSummary}'s) from column {@code first} on. */
    static StagingSummary read(ResultSet rs, int first) throws SQLException {
        return new StagingSummary(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getObject(first + 3, Long.class),
                rs.getLong(first + 4));
    }

    /** The summary of this summary's rows and {@code other}'s together. */
    StagingSummary and(StagingSummary other) {
        if (rows == 0) {
            return other;
        }
        if (other.rows == 0) {
            return this;
        }
        Long firstBad = firstBadSeq;
        if (firstBad == null || other.firstBadSeq != null && other.firstBadSeq < firstBad) {
            firstBad = other.firstBadSeq;
        }
        return new StagingSummary(rows + other.rows, Math.min(minSeq, other.minSeq), Math.max(maxSeq, other.maxSeq), firstBad,
                notCreatedAfterLastKey + other.notCreatedAfterLastKey);
    }
}
