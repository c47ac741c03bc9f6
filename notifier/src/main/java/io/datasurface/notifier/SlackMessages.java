package io.datasurface.notifier;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.DataSurfaceEvent.ArtifactsRendered;
import io.datasurface.events.DataSurfaceEvent.ChangeAccepted;
import io.datasurface.events.DataSurfaceEvent.ChangeRejected;
import io.datasurface.events.DataSurfaceEvent.CredentialsMissing;
import io.datasurface.events.DataSurfaceEvent.GraphPublished;
import io.datasurface.events.DataSurfaceEvent.MergeFailed;
import io.datasurface.events.DataSurfaceEvent.MergeSucceeded;
import io.datasurface.events.DataSurfaceEvent.MissingSecret;
import io.datasurface.events.DataSurfaceEvent.ModelRejected;
import io.datasurface.events.DataSurfaceEvent.TablesRemoved;
import io.datasurface.events.DataSurfaceEvent.TransactionsReleased;
import io.datasurface.notifier.SlackMessage.Field;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every event type's Slack message, in one place: what happened (the header), where (platform,
 * stream, repository, commit, file:line), the details, and what to do next. A list longer than
 * {@code listLimit} is cut, with a count of what was left out. A test checks that every type of the
 * sealed catalogue has a message here, so a new event type cannot go out unformatted.
 */
public final class SlackMessages {
    /** The merge-worker's hint for a row it cannot merge names the table, the row's ds_seq and the statement that removes it. */
    private static final Pattern BAD_ROW = Pattern.compile("table (\\S+), staging row ds_seq=(\\d+)");
    private static final Pattern STATEMENT = Pattern.compile("\\((DELETE FROM .+? WHERE ds_seq = \\d+)\\)");

    private final int listLimit;

    public SlackMessages(int listLimit) {
        if (listLimit < 1) {
            throw new IllegalArgumentException("listLimit must be at least 1, is " + listLimit);
        }
        this.listLimit = listLimit;
    }

    public SlackMessage format(DataSurfaceEvent event) {
        if (event instanceof ChangeAccepted e) {
            return changeAccepted(e);
        } else if (event instanceof ChangeRejected e) {
            return changeRejected(e);
        } else if (event instanceof ModelRejected e) {
            return modelRejected(e);
        } else if (event instanceof GraphPublished e) {
            return graphPublished(e);
        } else if (event instanceof ArtifactsRendered e) {
            return artifactsRendered(e);
        } else if (event instanceof CredentialsMissing e) {
            return credentialsMissing(e);
        } else if (event instanceof MergeSucceeded e) {
            return mergeSucceeded(e);
        } else if (event instanceof MergeFailed e) {
            return mergeFailed(e);
        } else if (event instanceof TransactionsReleased e) {
            return transactionsReleased(e);
        } else if (event instanceof TablesRemoved e) {
            return tablesRemoved(e);
        }
        // Java 17 has no exhaustive switch over a sealed type; SlackMessagesTest walks the permitted subclasses instead.
        throw new IllegalArgumentException("no Slack message for event type " + event.type());
    }

    /** The platform an event is about; empty for events about a model repository, which every platform's channel gets. */
    public static Optional<String> platformOf(DataSurfaceEvent event) {
        if (event instanceof ChangeAccepted || event instanceof ChangeRejected || event instanceof ModelRejected) {
            return Optional.empty();
        } else if (event instanceof GraphPublished e) {
            return Optional.of(e.platform());
        } else if (event instanceof ArtifactsRendered e) {
            return Optional.of(e.platform());
        } else if (event instanceof CredentialsMissing e) {
            return Optional.of(e.platform());
        } else if (event instanceof MergeSucceeded e) {
            return Optional.of(e.platform());
        } else if (event instanceof MergeFailed e) {
            return Optional.of(e.platform());
        } else if (event instanceof TransactionsReleased e) {
            return Optional.of(e.platform());
        } else if (event instanceof TablesRemoved e) {
            return Optional.of(e.platform());
        }
        throw new IllegalArgumentException("no platform rule for event type " + event.type());
    }

    private SlackMessage changeAccepted(ChangeAccepted e) {
        return message(e, ":white_check_mark: Change accepted", "from " + e.source(),
                List.of(new Field("Source", code(e.source())), new Field("Base", code(e.baseCommit())), new Field("Head", code(e.headCommit()))),
                List.of(), Optional.of("Merge it: the platforms follow the live branch and pick the change up once it lands there."));
    }

    private SlackMessage changeRejected(ChangeRejected e) {
        return message(e, ":no_entry: Change rejected: " + count(e.violations().size(), "violation"), "from " + e.source(),
                List.of(new Field("Source", code(e.source())), new Field("Base", code(e.baseCommit())), new Field("Head", code(e.headCommit()))),
                List.of("*Violations*\n" + bullets(e.violations())),
                Optional.of("Change the proposal and push again, or ask the repository a violation names to make that part of it. "
                        + "The same report, locally:\n```model-service check --repo-dir . --base " + escape(e.baseCommit()) + " --head "
                        + escape(e.headCommit()) + " --source " + escape(e.source()) + "```"));
    }

    private SlackMessage modelRejected(ModelRejected e) {
        return message(e, ":x: Model rejected: " + count(e.problems().size(), "problem"), "commit " + e.commit() + " of " + e.repository(),
                List.of(new Field("Repository", code(e.repository())), new Field("Commit", code(e.commit()))),
                List.of("*Problems* (file:line:col)\n" + bullets(e.problems())),
                Optional.of("Nothing was published for this commit: the platforms keep running the last good model. Fix the problems "
                        + "and push; `model-service lint DIR` lists them on your machine."));
    }

    private SlackMessage graphPublished(GraphPublished e) {
        return message(e, ":package: Intention graph published", "platform " + e.platform() + ", commit " + e.commit(),
                List.of(new Field("Platform", escape(e.platform())), new Field("Commit", code(e.commit())),
                        new Field("Batch-streams", Integer.toString(e.batchStreams())), new Field("Model hash", code(e.modelHash()))),
                List.of(), Optional.of("Nothing to do: the render-service renders the platform's artifacts from it next."));
    }

    private SlackMessage artifactsRendered(ArtifactsRendered e) {
        List<String> sections = new ArrayList<>();
        if (!e.changedFiles().isEmpty()) {
            // The event lists at most ArtifactsRendered.LISTED files; the counts say how many changed in all.
            sections.add("*Changed files*\n" + bullets(e.changedFiles(), e.written() + e.deleted()));
        }
        return message(e, ":page_facing_up: Artifacts rendered", "platform " + e.platform() + ", commit " + e.commit(),
                List.of(new Field("Platform", escape(e.platform())), new Field("Commit", code(e.commit())),
                        new Field("Written", Integer.toString(e.written())), new Field("Unchanged", Integer.toString(e.unchanged())),
                        new Field("Deleted", Integer.toString(e.deleted()))),
                sections, Optional.of("Nothing to do: Airflow reads the new DAG files by itself."));
    }

    private SlackMessage credentialsMissing(CredentialsMissing e) {
        Map<String, List<String>> keysBySecret = new LinkedHashMap<>();
        e.missing().forEach(m -> keysBySecret.computeIfAbsent(m.secret(), s -> new ArrayList<>()).add(m.key()));
        List<String> commands = keysBySecret.entrySet().stream().map(s -> "kubectl create secret generic " + s.getKey() + " -n " + e.namespace()
                + s.getValue().stream().map(k -> " --from-literal=" + k + "='…'").collect(Collectors.joining())
                + " --dry-run=client -o yaml | kubectl apply -f -").toList();
        return message(e, ":key: Secrets missing: " + count(e.missing().size(), "key"), "platform " + e.platform() + ", namespace " + e.namespace(),
                List.of(new Field("Platform", escape(e.platform())), new Field("Namespace", code(e.namespace())), new Field("Commit", code(e.commit()))),
                List.of("*Missing* (secret/key)\n" + bullets(e.missing().stream().map(MissingSecret::toString).toList())),
                Optional.of("Create them (the platform's jobs fail until they exist; apply also adds keys to an existing secret), "
                        + "each value in place of …:\n```" + String.join("\n", cutList(commands)) + "```"));
    }

    private SlackMessage mergeSucceeded(MergeSucceeded e) {
        return message(e, ":arrows_counterclockwise: Merged " + e.stream(), "platform " + e.platform() + ", batch " + e.batchId(),
                List.of(new Field("Platform", escape(e.platform())), new Field("Stream", code(e.stream())), new Field("Batch", Long.toString(e.batchId())),
                        new Field("Changes read", Long.toString(e.stagingRows())),
                        new Field("Rows", e.inserted() + " inserted, " + e.updated() + " updated, " + e.deleted() + " deleted, " + e.unchanged() + " unchanged"),
                        new Field("Duration", e.durationMillis() + " ms")),
                List.of(), Optional.empty());
    }

    private SlackMessage mergeFailed(MergeFailed e) {
        List<Field> fields = new ArrayList<>(List.of(new Field("Platform", escape(e.platform())), new Field("Stream", code(e.stream())),
                new Field("Failed at", DateTimeFormatter.ISO_INSTANT.format(e.time()))));
        List<String> sections = new ArrayList<>(List.of("*Hint*\n>" + escape(e.hint()).replace("\n", "\n>")));
        Matcher row = BAD_ROW.matcher(e.hint());
        Matcher statement = STATEMENT.matcher(e.hint());
        String next;
        if (row.find()) {
            fields.add(new Field("Staging table", code(row.group(1))));
            fields.add(new Field("Failed row", "ds_seq " + row.group(2)));
            // The statement names the table with its schema; the hint's own table name is unqualified.
            boolean removal = statement.find();
            String select = removal ? statement.group(1).replaceFirst("^DELETE FROM", "SELECT * FROM")
                    : "SELECT * FROM " + row.group(1) + " WHERE ds_seq = " + row.group(2);
            next = "Look at the row:\n```" + escape(select) + ";```\n"
                    + (removal ? "Correct it, or remove it:\n```" + escape(statement.group(1)) + ";```\n" : "Correct or remove it, ")
                    + "then fix the producer or connector that wrote it. Nothing was consumed; the next scheduled run merges the rest.";
        } else {
            next = "The batch was rolled back and nothing was consumed; the hint says what to fix, and the next scheduled run retries. "
                    + "The merge DAG's last task log in Airflow has the details.";
        }
        return message(e, ":rotating_light: Merge failed: " + e.stream(), "platform " + e.platform(), fields, sections, Optional.of(next));
    }

    private SlackMessage transactionsReleased(TransactionsReleased e) {
        return message(e, ":warning: Merged " + count(e.transactions().size(), "incomplete source transaction") + ": " + e.stream(),
                "platform " + e.platform() + ", batch " + e.batchId(),
                List.of(new Field("Platform", escape(e.platform())), new Field("Stream", code(e.stream())), new Field("Batch", Long.toString(e.batchId())),
                        new Field("Waited", e.waited())),
                List.of("*Released* (transaction, what had not arrived)\n" + bullets(e.transactions())),
                Optional.of("Consumers may see these transactions partly until the rest arrives; what arrives late is merged by the next batch "
                        + "without waiting again. Find out why the rest did not arrive in time: a source connector that restarted in the middle of a "
                        + "transaction (its status and log in Kafka Connect), or a failing or paused sink of the store's transaction topic "
                        + "(its rows land in `ds_transactions`). `merge-worker merge --transaction-wait` sets how long a batch waits."));
    }

    private SlackMessage tablesRemoved(TablesRemoved e) {
        String how = e.archived() ? "archived" : "dropped";
        return message(e, ":wastebasket: Unused tables " + how + ": " + e.tables().size(), "platform " + e.platform(),
                List.of(new Field("Platform", escape(e.platform()))), List.of("*Tables*\n" + bullets(e.tables())),
                Optional.of(e.archived() ? "They are kept in the platform's archive schema; drop them there once nobody needs their data."
                        : "Nothing to do: no workspace had used them for longer than the platform's grace period."));
    }

    private static SlackMessage message(DataSurfaceEvent e, String title, String where, List<Field> fields, List<String> sections, Optional<String> next) {
        String context = "`" + e.type() + "` · id `" + e.id() + "` · " + DateTimeFormatter.ISO_INSTANT.format(e.time());
        return new SlackMessage(title + " (" + escape(where) + ")", title, fields, sections, next, context);
    }

    private String bullets(List<String> items) {
        return bullets(items, items.size());
    }

    /** The first items as a bulleted list; {@code total} is how many there are in all, listed or not. */
    private String bullets(List<String> items, int total) {
        List<String> lines = items.stream().limit(listLimit).map(i -> "• " + escape(i)).collect(Collectors.toList());
        int left = Math.max(0, total - lines.size());
        if (left > 0) {
            lines.add("…and " + left + " more");
        }
        return String.join("\n", lines);
    }

    private List<String> cutList(List<String> items) {
        List<String> lines = new ArrayList<>(items.stream().limit(listLimit).toList());
        if (items.size() > listLimit) {
            lines.add("# …and " + (items.size() - listLimit) + " more");
        }
        return lines;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String code(String value) {
        return "`" + escape(value).replace("`", "'") + "`";
    }

    /** Slack mrkdwn gives &, < and > a meaning; everything from an event is shown as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
