package io.datasurface.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.DataSurfaceEvent.CredentialsMissing;
import io.datasurface.events.DataSurfaceEvent.MergeFailed;
import io.datasurface.events.DataSurfaceEvent.MissingSecret;
import io.datasurface.events.DataSurfaceEvent.ModelRejected;
import io.datasurface.events.DataSurfaceEvent.TransactionsReleased;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlackMessages messages = new SlackMessages(10);

    private JsonNode payload(DataSurfaceEvent event) throws Exception {
        return JSON.readTree(messages.format(event).payload("#ops"));
    }

    /** All block texts of a payload, one string. */
    private String blocksText(DataSurfaceEvent event) throws Exception {
        List<String> texts = new ArrayList<>();
        payload(event).path("blocks").findValues("text").forEach(t -> texts.add(t.isTextual() ? t.asText() : t.path("text").asText()));
        return String.join("\n", texts);
    }

    @Test
    void everyTypeOfTheCatalogueHasAnExampleAndAMessage() {
        List<String> types = Arrays.stream(DataSurfaceEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();
        assertThat(ExampleEvents.ALL.stream().map(e -> e.getClass().getSimpleName()).toList()).containsExactlyInAnyOrderElementsOf(types);
        ExampleEvents.ALL.forEach(e -> assertThat(messages.format(e).title()).isNotBlank());
        ExampleEvents.ALL.forEach(SlackMessages::platformOf);
    }

    @Test
    void everyMessageHasTextHeaderFieldsAndContextAndStaysWithinSlacksLimits() throws Exception {
        for (DataSurfaceEvent e : ExampleEvents.ALL) {
            JsonNode p = payload(e);
            assertThat(p.path("channel").asText()).isEqualTo("#ops");
            assertThat(p.path("text").asText()).as(e.type()).isNotBlank();
            JsonNode blocks = p.path("blocks");
            assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
            assertThat(blocks.get(0).path("text").path("text").asText().length()).isLessThanOrEqualTo(SlackMessage.HEADER_LIMIT);
            assertThat(blocks.get(blocks.size() - 1).path("type").asText()).isEqualTo("context");
            assertThat(blocks.get(blocks.size() - 1).toString()).contains(e.id(), e.type());
            assertThat(blocks.size()).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void failedMergeNamesTheRowItsDsSeqAndTheStatementsToRun() throws Exception {
        MergeFailed failed = (MergeFailed) ExampleEvents.ALL.stream().filter(e -> e instanceof MergeFailed).findFirst().orElseThrow();

        String text = blocksText(failed);

        assertThat(text).contains("*Failed row*\nds_seq 1234", "*Staging table*\n`shop_db_customers_staging`",
                "```SELECT * FROM \"prod\".\"shop_db_customers_staging\" WHERE ds_seq = 1234;```",
                "```DELETE FROM \"prod\".\"shop_db_customers_staging\" WHERE ds_seq = 1234;```", "*Next*");
    }

    @Test
    void failedMergeWithoutABadRowSaysTheBatchWasRolledBack() throws Exception {
        String text = blocksText(new MergeFailed("Prod", "shop_db.products", "stream shop_db.products: the connection to PostgreSQL was lost",
                ExampleEvents.T));

        assertThat(text).contains("rolled back and nothing was consumed").doesNotContain("ds_seq");
    }

    @Test
    void releasedTransactionsAreAWarningListingEachWithWhatToCheck() throws Exception {
        List<String> released = IntStream.rangeClosed(1, 12).mapToObj(i -> "57" + i + " (customers 0 of 1)").toList();
        TransactionsReleased event = new TransactionsReleased("Prod", "shop_db.customers", 43, released, 300_000, ExampleEvents.T);

        SlackMessage message = messages.format(event);
        String text = blocksText(event);

        assertThat(message.title()).isEqualTo(":warning: Merged 12 incomplete source transactions: shop_db.customers");
        assertThat(SlackMessages.platformOf(event)).contains("Prod");
        assertThat(text).contains("*Waited*\n5m", "*Batch*\n43", "• 571 (customers 0 of 1)\n", "• 5710 (customers 0 of 1)\n…and 2 more",
                "may see these transactions partly", "source connector", "transaction topic", "--transaction-wait")
                .doesNotContain("• 5711");
    }

    @Test
    void missingCredentialsGiveOneKubectlCreateSecretLinePerSecret() throws Exception {
        String text = blocksText(new CredentialsMissing("Prod", "c0ffee1", "ds", List.of(new MissingSecret("pg-main", "user"),
                new MissingSecret("pg-main", "password"), new MissingSecret("slack-webhook", "token")), ExampleEvents.T));

        assertThat(text).contains("kubectl create secret generic pg-main -n ds --from-literal=user='…' --from-literal=password='…' "
                + "--dry-run=client -o yaml | kubectl apply -f -\nkubectl create secret generic slack-webhook -n ds --from-literal=token='…'");
    }

    @Test
    void aLongListIsCutWithACountOfWhatWasLeftOut() throws Exception {
        List<String> problems = IntStream.rangeClosed(1, 25).mapToObj(i -> "zones/North/zone.yaml:" + i + ":1: error: [name] problem " + i).toList();

        String text = blocksText(new ModelRejected("https://github.com/mini/model.git@main", "c0ffee1", problems, ExampleEvents.T));

        assertThat(text).contains("• zones/North/zone.yaml:10:1: error: [name] problem 10\n…and 15 more").doesNotContain("problem 11");
    }

    @Test
    void renderedFilesBeyondTheListedOnesAreCounted() throws Exception {
        String text = blocksText(new DataSurfaceEvent.ArtifactsRendered("Prod", "c0ffee1", 250, 0, 0,
                IntStream.range(0, 100).mapToObj(i -> "dags/f" + i + ".py").toList(), ExampleEvents.T));

        assertThat(text).contains("• dags/f9.py\n…and 240 more");
    }

    @Test
    void slackControlCharactersInEventTextAreEscaped() throws Exception {
        String text = blocksText(new MergeFailed("Prod", "s", "value <script> & more", ExampleEvents.T));

        assertThat(text).contains("value &lt;script&gt; &amp; more");
    }

    @Test
    void anOverlongSectionIsCutToSlacksLimitKeepingCodeBlocksClosed() {
        String cut = SlackMessage.cut("```" + "x".repeat(5000) + "```", SlackMessage.SECTION_LIMIT);

        assertThat(cut).hasSizeLessThanOrEqualTo(SlackMessage.SECTION_LIMIT).endsWith("…```");
    }
}
