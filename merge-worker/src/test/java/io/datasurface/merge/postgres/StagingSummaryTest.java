package io.datasurface.merge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StagingSummaryTest {
    @Test
    void summariesOfTwoGroupsOfRowsAddTheirRowsAndKeepTheWidestSeqsAndTheEarliestBadRow() {
        StagingSummary withoutTransaction = new StagingSummary(3, 10, 40, null, 1);
        StagingSummary transaction = new StagingSummary(2, 5, 30, 7L, 0);
        StagingSummary later = new StagingSummary(1, 50, 50, 50L, 2);

        assertThat(withoutTransaction.and(transaction).and(later)).isEqualTo(new StagingSummary(6, 5, 50, 7L, 3));
        assertThat(later.and(withoutTransaction)).isEqualTo(new StagingSummary(4, 10, 50, 50L, 3));
    }

    @Test
    void anEmptySummaryAddsNothing() {
        StagingSummary rows = new StagingSummary(2, 5, 30, null, 1);

        assertThat(StagingSummary.NONE.and(rows)).isEqualTo(rows);
        assertThat(rows.and(StagingSummary.NONE)).isEqualTo(rows);
    }
}
