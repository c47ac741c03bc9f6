package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import org.junit.jupiter.api.Test;

class MilestonedMergeTest {

    @Test
    void milestonedScenarioGivesTheExpectedVersionsAfterEveryBatch() {
        MergeFixture f = new MergeFixture(TestModel.standard().withCustomersMilestoned());

        f.customer("r", 1, "Ann", "ann@example.com", "10.00");
        f.customer("c", 2, "Bob", null, "20.00");
        f.customer("c", 3, "Cid", null, "30.00");
        MergeEngine.Merged b1 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@example.com|10.00|live", "2|Bob|NULL|20.00|live", "3|Cid|NULL|30.00|live");
        assertThat(b1).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(3L, 0L, 0L, 0L);

        f.customer("u", 1, "Ann", "ann@new.example.com", "11.00");
        f.customer("u", 2, "Bob", null, "20.00");
        f.customer("d", 3, null, null, null);
        MergeEngine.Merged b2 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@example.com|10.00|closed", "1|Ann|ann@new.example.com|11.00|live",
                "2|Bob|NULL|20.00|live", "3|Cid|NULL|30.00|closed");
        assertThat(b2).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(0L, 1L, 1L, 1L);
        assertThat(f.count("SELECT count(*) FROM " + f.mergeTable("customers") + " o JOIN " + f.mergeTable("customers")
                + " n ON n.id = o.id AND n.dp_in = o.dp_out WHERE o.id = 1")).as("the new version starts when the old one ends").isEqualTo(1);

        f.customer("c", 3, "Cid", "cid@again.example.com", "33.00");
        f.merge(CUSTOMERS);
        MergeEngine.Merged empty = f.merge(CUSTOMERS);
        assertThat(empty.stagingRows()).isZero();
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@example.com|10.00|closed", "1|Ann|ann@new.example.com|11.00|live", "2|Bob|NULL|20.00|live",
                "3|Cid|NULL|30.00|closed", "3|Cid|cid@again.example.com|33.00|live");

        f.customer("c", 4, "Dee", null, "1.00");
        f.customer("u", 4, "Dee", "dee@example.com", "2.00");
        f.customer("d", 4, null, null, null);
        f.customer("c", 4, "Dee", "dee@final.example.com", "4.00");
        f.customer("u", 2, "Bob", "bob@example.com", "21.00");
        f.customer("d", 2, null, null, null);
        f.customer("u", 9, "Ivy", null, "9.00");
        f.customer("d", 8, null, null, null);
        MergeEngine.Merged b5 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@example.com|10.00|closed", "1|Ann|ann@new.example.com|11.00|live", "2|Bob|NULL|20.00|closed",
                "3|Cid|NULL|30.00|closed", "3|Cid|cid@again.example.com|33.00|live", "4|Dee|dee@final.example.com|4.00|live",
                "9|Ivy|NULL|9.00|live");
        assertThat(b5).extracting("stagingRows", "inserted", "updated", "deleted").containsExactly(8L, 2L, 0L, 1L);
        assertThat(f.count("SELECT count(*) FROM (SELECT id FROM " + f.mergeTable("customers")
                + " WHERE dp_out IS NULL GROUP BY id HAVING count(*) > 1) x")).as("never two live rows for one key").isZero();
    }

    @Test
    void keysAfterTheLastKeyAreAppendedAndEveryOtherUpsertedKeyGetsOneLiveVersion() {
        MergeFixture f = new MergeFixture(TestModel.standard().withCustomersMilestoned());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("c", 2, "Bob", null, "2.00");
        f.customer("c", 4, "Dan", null, "4.00");
        f.customer("c", 5, "Eve", null, "5.00");
        f.merge(CUSTOMERS);
        f.customer("d", 2, null, null, null);
        f.merge(CUSTOMERS);

        f.customer("d", 5, null, null, null);
        f.customer("c", 3, "Cid", null, "3.00");
        f.customer("c", 2, "Bob", "bob@example.com", "2.00");
        f.customer("u", 1, "Ann", null, "1.50");
        f.customer("u", 4, "Dan", null, "4.00");
        f.customer("c", 7, "Gus", null, "7.00");
        f.customer("c", 6, "Fay", null, "6.00");
        f.customer("d", 6, null, null, null);
        f.customer("d", 9, null, null, null);
        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(b).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(3L, 1L, 1L, 1L);
        assertThat(f.rows("customers")).as("the last key closed, a new key and a deleted one upserted among the old keys, keys after them appended, "
                + "deletes of absent keys ignored").containsExactly(
                "1|Ann|NULL|1.00|closed", "1|Ann|NULL|1.50|live", "2|Bob|NULL|2.00|closed", "2|Bob|bob@example.com|2.00|live", "3|Cid|NULL|3.00|live",
                "4|Dan|NULL|4.00|live", "5|Eve|NULL|5.00|closed", "7|Gus|NULL|7.00|live");
    }

    @Test
    void upsertedKeysWithoutALiveVersionAmongTheOldOnesGetOneWhenTheBatchClosesNothing() {
        MergeFixture f = new MergeFixture(TestModel.standard().withCustomersMilestoned());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("c", 2, "Bob", null, "2.00");
        f.customer("c", 4, "Dan", null, "4.00");
        f.merge(CUSTOMERS);
        f.customer("d", 2, null, null, null);
        f.merge(CUSTOMERS);

        f.customer("c", 3, "Cid", null, "3.00");
        f.customer("c", 2, "Bob", null, "2.00");
        f.customer("u", 1, "Ann", null, "1.00");
        f.customer("d", 9, null, null, null);
        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(b).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(2L, 0L, 0L, 1L);
        assertThat(f.rows("customers")).as("a new key and a deleted one upserted among the old keys, an unchanged key left as it was")
                .containsExactly("1|Ann|NULL|1.00|live", "2|Bob|NULL|2.00|closed", "2|Bob|NULL|2.00|live", "3|Cid|NULL|3.00|live",
                        "4|Dan|NULL|4.00|live");
    }

    @Test
    void aNewKeyCreatedTwiceGetsOneLiveVersionWithItsLastValues() {
        MergeFixture f = new MergeFixture(TestModel.standard().withCustomersMilestoned());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);

        f.customer("c", 5, "Eve", null, "5.00");
        f.customer("c", 5, "Eve", "eve@example.com", "5.50");
        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(f.rows("customers")).as("the create delivered twice gives one version, the later one")
                .containsExactly("1|Ann|NULL|1.00|live", "5|Eve|eve@example.com|5.50|live");
        assertThat(b).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(1L, 0L, 0L, 0L);
    }
}
