package io.datasurface.notifier;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One Slack message: a plain-text line for notifications and clients without blocks, and the same
 * content as Block Kit blocks: a header (what happened), fields (where), sections (the details),
 * a "Next" section (what to do) and a context line naming the event. Texts are mrkdwn already
 * escaped; {@link #payload(String)} enforces Slack's length limits.
 */
public record SlackMessage(String text, String title, List<Field> fields, List<String> sections, Optional<String> next, String context) {
    /** Slack's limits: header text, section text, field text, fields per section. */
    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3000;
    static final int FIELD_LIMIT = 2000;
    static final int FIELDS_PER_SECTION = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A labelled value, shown as {@code *label*} above the value. */
    public record Field(String label, String value) {
        public Field {
            requireNonNull(label, "label is null");
            requireNonNull(value, "value is null");
        }
    }

    public SlackMessage {
        requireNonNull(text, "text is null");
        requireNonNull(title, "title is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        sections = List.copyOf(requireNonNull(sections, "sections is null"));
        requireNonNull(next, "next is null");
        requireNonNull(context, "context is null");
    }

    /** The webhook's JSON body; {@code channel} is the model's Slack channel. */
    public String payload(String channel) {
        ObjectNode root = JSON.createObjectNode();
        root.put("channel", channel);
        root.put("text", text);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(title, HEADER_LIMIT)).put("emoji", true);
        for (int i = 0; i < fields.size(); i += FIELDS_PER_SECTION) {
            ArrayNode f = blocks.addObject().put("type", "section").putArray("fields");
            fields.subList(i, Math.min(fields.size(), i + FIELDS_PER_SECTION)).forEach(field ->
                    f.addObject().put("type", "mrkdwn").put("text", cut("*" + field.label() + "*\n" + field.value(), FIELD_LIMIT)));
        }
        sections.forEach(s -> section(blocks, s));
        next.ifPresent(n -> section(blocks, "*Next*\n" + n));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn").put("text", cut(context, SECTION_LIMIT));
        return root.toString();
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", cut(mrkdwn, SECTION_LIMIT));
    }

    /** At most {@code limit} characters, ending in an ellipsis when cut (a code block is closed again). */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        String cut = text.substring(0, limit - 4) + "…";
        return count(cut, "```") % 2 == 1 ? cut.substring(0, cut.length() - 3) + "…```" : cut;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
