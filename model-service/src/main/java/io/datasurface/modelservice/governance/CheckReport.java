package io.datasurface.modelservice.governance;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.governance.OwnedChange;
import io.datasurface.governance.Violation;
import io.datasurface.model.Repository;
import io.datasurface.plan.ChangePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The check's and the plan's answers as people read them (text) and as machines read them (JSON-ready maps). */
public final class CheckReport {
    private CheckReport() {
    }

    public static List<String> text(ChangeCheckRunner.Result result) {
        List<String> lines = new ArrayList<>();
        var check = result.check();
        String header = "change " + shortId(result.baseCommit()) + ".." + shortId(result.headCommit()) + " from " + check.source();
        if (check.accepted()) {
            lines.add("accepted: " + header + ", " + check.changes().size() + " change(s)");
            for (OwnedChange c : check.changes()) {
                lines.add("  " + c.change() + "  (owner " + c.owner() + ")");
            }
            return lines;
        }
        lines.add("rejected: " + header + ", " + check.violations().size() + " violation(s)");
        for (Violation v : check.violations()) {
            lines.add("  " + v.location().map(l -> l + ": ").orElse("") + "[" + v.rule() + "] " + v.path() + ": " + v.change());
            lines.add("      may be changed by: " + v.owner().map(Repository::toString).orElse("no repository") + "; tried: " + v.tried());
        }
        return lines;
    }

    /** The operator event of the answer; each violation one line, as the text report gives it. */
    public static DataSurfaceEvent event(ChangeCheckRunner.Result result, Instant time) {
        var check = result.check();
        String source = check.source().toString();
        if (check.accepted()) {
            return new DataSurfaceEvent.ChangeAccepted(source, result.baseCommit(), result.headCommit(), time);
        }
        return new DataSurfaceEvent.ChangeRejected(source, result.baseCommit(), result.headCommit(), check.violations().stream()
                .map(v -> v.location().map(l -> l + ": ").orElse("") + "[" + v.rule() + "] " + v.path() + ": " + v.change() + "; may be changed by "
                        + v.owner().map(Repository::toString).orElse("no repository") + ", tried by " + v.tried())
                .toList(), time);
    }

    public static Map<String, Object> json(ChangeCheckRunner.Result result) {
        var check = result.check();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", check.accepted());
        out.put("source", check.source().toString());
        out.put("base", result.baseCommit());
        out.put("head", result.headCommit());
        out.put("violations", check.violations().stream().map(CheckReport::violation).toList());
        out.put("changes", check.changes().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.change().path().toString());
            m.put("change", c.change().description());
            m.put("owner", c.owner().toString());
            return m;
        }).toList());
        return out;
    }

    private static Map<String, Object> violation(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", v.rule());
        m.put("path", v.path().toString());
        m.put("change", v.change());
        m.put("owner", v.owner().map(Repository::toString).orElse(null));
        m.put("tried", v.tried().toString());
        m.put("file", v.location().map(l -> l.file()).orElse(null));
        m.put("line", v.location().map(l -> l.line()).orElse(null));
        return m;
    }

    public static List<String> planText(ChangeCheckRunner.PlanResult result) {
        List<String> lines = new ArrayList<>();
        ChangePlan plan = result.plan().orElseThrow();
        String header = "plan " + shortId(result.baseCommit()) + ".." + shortId(result.headCommit());
        if (plan.isEmpty()) {
            lines.add(header + ": no platform changes");
            return lines;
        }
        lines.add(header + ":");
        for (ChangePlan.PlatformPlan p : plan.platforms()) {
            if (p.items().isEmpty() && p.action().isEmpty()) {
                continue;
            }
            lines.add(p.action().map(a -> a.symbol() + " ").orElse("") + "platform " + p.platform() + " (schema " + p.schema() + ")");
            for (ChangePlan.Item item : p.items()) {
                lines.add("  " + item.action().symbol() + " " + item.kind().label() + " " + item.name());
                item.details().forEach(d -> lines.add("      " + d));
            }
        }
        return lines;
    }

    public static Map<String, Object> planJson(ChangeCheckRunner.PlanResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base", result.baseCommit());
        out.put("head", result.headCommit());
        out.put("platforms", result.plan().orElseThrow().platforms().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("platform", p.platform());
            m.put("action", p.action().map(a -> a.name().toLowerCase(java.util.Locale.ENGLISH)).orElse(null));
            m.put("schema", p.schema());
            m.put("items", p.items().stream().map(i -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("action", i.action().name().toLowerCase(java.util.Locale.ENGLISH));
                item.put("kind", i.kind().label());
                item.put("name", i.name());
                item.put("details", i.details());
                return item;
            }).toList());
            return m;
        }).toList());
        return out;
    }

    private static String shortId(String commit) {
        return commit.substring(0, Math.min(8, commit.length()));
    }
}
