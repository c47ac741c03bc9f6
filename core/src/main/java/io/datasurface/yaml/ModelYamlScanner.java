package io.datasurface.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;

/**
 * The parser's events of a model file written in the part of YAML that model files are written in: block mappings
 * whose keys are ASCII words, block sequences (also at their key's indentation), flow mappings and sequences (which may
 * go on to the next line after an opening bracket or a comma), and on one line each, plain scalars, single-quoted
 * scalars and double-quoted scalars without escapes; comments on lines of their own and after a value. That is how {@code ModelWriter} writes a model (but for a long text it folds over lines,
 * a text with a line break or a tab, a negative number) and what people mostly write by hand.
 *
 * <p>SnakeYAML reads that text about three times slower: it turns the text into code points, queues tokens and checks
 * every rule of YAML at every character. This scanner reads lines. It is exact only about what it accepts: on anything
 * else it gives up, and the file is parsed by SnakeYAML. For example: a tab, a carriage return, a character outside
 * the Basic Multilingual Plane's printable ones, an anchor, a tag, a block scalar, a scalar over several lines, a flow
 * collection whose line ends elsewhere than after a bracket or a comma, an empty value, a quoted key or one that is not a word, a plain scalar that starts with an indicator
 * ('-', '?', ':' ...), a '#' or '?' in a flow collection's plain scalar, an escape, a document marker, a sequence entry
 * on the line after its dash, nesting deeper than 50, and every YAML error. Where it accepts, its events are
 * SnakeYAML's: the same kinds, values, styles and implicit tags, and the same start marks (line and column) of every
 * scalar and collection; {@code ModelYamlScannerTest} holds that on the examples and on many thousands of edits of
 * them. The marks of the ending events are not SnakeYAML's, and an event's end mark is its start mark: the readers
 * of events use the start marks of scalars and collections only.
 */
final class ModelYamlScanner {
    /** Deeper text is left to SnakeYAML, as a parser's recursion must stop somewhere. */
    private static final int MAX_DEPTH = 50;
    /**
     * SnakeYAML may refuse a document of more code points than its limit (3,145,728): it checks the limit as it reads
     * each token, so a longer text is refused unless its last token comes before the limit. Such text is left to it.
     */
    private static final int MAX_LENGTH = new LoaderOptions().getCodePointLimit();
    /** SnakeYAML refuses a key longer than this: it stops looking for a key's colon after 1,024 characters. */
    private static final int MAX_KEY_LENGTH = 1024;
    private static final int[] NO_SNIPPET = {};
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);

    private final String text;
    private final List<Event> events = new ArrayList<>();
    /** Where the line after the current one starts. */
    private int following;
    /** The number (from 0) of the line after the current one. */
    private int followingNumber;
    /** The current line: its number (from 0), where it starts and ends. */
    private int line;
    private int lineStart;
    private int lineEnd;
    /** The current line's indentation; -1 after the last line. */
    private int indent;
    private int depth;

    private ModelYamlScanner(String text) {
        this.text = text;
    }

    /** The events of {@code text}, or empty where it is not written in the part of YAML this scanner reads. */
    static Optional<List<Event>> events(String text) {
        if (text.length() > MAX_LENGTH || !onlyPlainCharacters(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModelYamlScanner(text).document());
        } catch (GiveUp giveUp) {
            return Optional.empty();
        }
    }

    private static void require(boolean condition) {
        GiveUp.unless(condition);
    }

    /**
     * Printable characters of the Basic Multilingual Plane and line feeds only: no tab, no carriage return, no byte
     * order mark, none of YAML's other line breaks (U+0085, U+2028, U+2029) and no surrogate, so that a column is a
     * character's index in its line as it is a code point's for SnakeYAML.
     */
    private static boolean onlyPlainCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPlainCharacter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainCharacter(char c) {
        if (c < 0x7F) {
            return c >= ' ' || c == '\n';
        }
        boolean surrogate = c >= 0xD800 && c < 0xE000;
        return c >= 0xA0 && !surrogate && c < 0xFFFE && c != 0xFEFF && c != 0x2028 && c != 0x2029;
    }

    private List<Event> document() {
        Mark start = mark(0, 0);
        events.add(new StreamStartEvent(start, start));
        next();
        require(indent == 0);
        Mark document = mark(line, 0);
        events.add(new DocumentStartEvent(document, document, false, null, null));
        blockNode(0);
        require(indent < 0);
        Mark end = mark(line, 0);
        events.add(new DocumentEndEvent(end, end, false));
        events.add(new StreamEndEvent(end, end));
        return events;
    }

    // ---- lines -------------------------------------------------------------------------------

    /** Moves to the next line that holds more than spaces and a comment, or past the last line. */
    private void next() {
        while (following < text.length()) {
            int start = following;
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int number = followingNumber;
            following = end + 1;
            followingNumber++;
            int content = start;
            while (content < end && text.charAt(content) == ' ') {
                content++;
            }
            if (content < end && text.charAt(content) != '#') {
                line = number;
                lineStart = start;
                lineEnd = end;
                indent = content - start;
                return;
            }
        }
        line = followingNumber;
        lineStart = text.length();
        lineEnd = text.length();
        indent = -1;
    }

    /** The character at {@code p} of the current line, or 0 past its end. */
    private char at(int p) {
        return p < lineEnd ? text.charAt(p) : 0;
    }

    private int spacesFrom(int p) {
        while (p < lineEnd && text.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    /** Whether the current line's content at {@code p} is a sequence entry's dash. */
    private boolean dashAt(int p) {
        return at(p) == '-' && (p + 1 == lineEnd || at(p + 1) == ' ');
    }

    /** Where a key that is a word ends (at its colon, which a space or the line's end follows), or -1. */
    private int keyEnd(int p) {
        char first = at(p);
        if (!isWordCharacter(first) || first >= '0' && first <= '9') {
            return -1;
        }
        int q = p + 1;
        while (q < lineEnd && isWordCharacter(text.charAt(q))) {
            q++;
        }
        return at(q) == ':' && (q + 1 == lineEnd || at(q + 1) == ' ') && q - p <= MAX_KEY_LENGTH ? q : -1;
    }

    private static boolean isWordCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** YAML's indicators, which may not start a plain scalar (some may, followed by a non-space: left to SnakeYAML). */
    private static boolean isIndicator(char c) {
        return "-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0;
    }

    // ---- block nodes ---------------------------------------------------------------------------

    /** The block mapping or sequence whose content starts at {@code column} of the current line. */
    private void blockNode(int column) {
        int p = lineStart + column;
        if (dashAt(p)) {
            blockSequence(column, false);
        } else {
            require(keyEnd(p) > 0);
            blockMapping(column);
        }
    }

    private void blockMapping(int column) {
        enter();
        Mark start = mark(line, column);
        events.add(new MappingStartEvent(null, null, true, start, start, DumperOptions.FlowStyle.BLOCK));
        while (true) {
            int key = lineStart + column;
            int colon = keyEnd(key);
            require(colon > 0);
            events.add(scalar(text.substring(key, colon), column, DumperOptions.ScalarStyle.PLAIN));
            int value = spacesFrom(colon + 1);
            if (value == lineEnd || text.charAt(value) == '#') {
                next();
                if (indent > column) {
                    blockNode(indent);
                } else {
                    // A sequence may stand at its key's indentation; anything else would be an empty value.
                    require(indent == column && dashAt(lineStart + indent));
                    blockSequence(column, true);
                }
            } else {
                inlineValue(value);
                next();
            }
            require(indent <= column);
            if (indent < column) {
                break;
            }
            require(!dashAt(lineStart + indent));
        }
        events.add(new MappingEndEvent(mark(line, 0), mark(line, 0)));
        depth--;
    }

    /**
     * A block sequence whose dashes stand at {@code column}. One at its key's indentation ({@code atKeyIndentation})
     * ends at the next key of that mapping; any other ends where the indentation falls below its dashes.
     */
    private void blockSequence(int column, boolean atKeyIndentation) {
        enter();
        Mark start = mark(line, column);
        events.add(new SequenceStartEvent(null, null, true, start, start, DumperOptions.FlowStyle.BLOCK));
        while (indent == column && dashAt(lineStart + column)) {
            int entry = spacesFrom(lineStart + column + 1);
            require(entry < lineEnd && text.charAt(entry) != '#' && !dashAt(entry));
            if (keyEnd(entry) > 0) {
                blockMapping(entry - lineStart);
            } else {
                inlineValue(entry);
                next();
            }
            require(indent <= column);
        }
        require(atKeyIndentation || indent < column);
        events.add(new SequenceEndEvent(mark(line, 0), mark(line, 0)));
        depth--;
    }

    /**
     * A value that starts at {@code p}; only spaces and a comment may follow it on the line where it ends (a flow
     * collection's last line, or this one).
     */
    private void inlineValue(int p) {
        int end = flowCollectionOrQuoted(p);
        if (end < 0) {
            blockPlain(p);
            return;
        }
        int after = spacesFrom(end);
        require(after == lineEnd || text.charAt(after) == '#' && after > end);
    }

    /** The flow collection or quoted scalar that starts at {@code p}: where it ends, or -1 where none starts there. */
    private int flowCollectionOrQuoted(int p) {
        switch (at(p)) {
            case '{':
                return flowMapping(p);
            case '[':
                return flowSequence(p);
            case '\'':
                return singleQuoted(p);
            case '"':
                return doubleQuoted(p);
            default:
                return -1;
        }
    }

    /** A plain scalar in a block: the rest of the line up to a comment, without ": " in it. */
    private void blockPlain(int p) {
        require(!isIndicator(text.charAt(p)));
        int last = p;
        for (int q = p; q < lineEnd; q++) {
            char c = text.charAt(q);
            if (c == ' ') {
                if (at(q + 1) == '#') {
                    break;
                }
            } else {
                require(c != ':' || q + 1 < lineEnd && text.charAt(q + 1) != ' ');
                last = q + 1;
            }
        }
        events.add(scalar(text.substring(p, last), p - lineStart, DumperOptions.ScalarStyle.PLAIN));
    }

    // ---- flow nodes and quoted scalars ------------------------------------------------------------

    private int flowMapping(int p) {
        enter();
        Mark start = mark(line, p - lineStart);
        events.add(new MappingStartEvent(null, null, true, start, start, DumperOptions.FlowStyle.FLOW));
        int q = entryFrom(p + 1);
        if (at(q) != '}') {
            while (true) {
                int colon = keyEnd(q);
                require(colon > 0 && at(colon + 1) == ' ');
                events.add(scalar(text.substring(q, colon), q - lineStart, DumperOptions.ScalarStyle.PLAIN));
                q = spacesFrom(flowValue(spacesFrom(colon + 1), '}'));
                if (at(q) != ',') {
                    break;
                }
                q = entryFrom(q + 1);
            }
            require(at(q) == '}');
        }
        events.add(new MappingEndEvent(start, start));
        depth--;
        return q + 1;
    }

    private int flowSequence(int p) {
        enter();
        Mark start = mark(line, p - lineStart);
        events.add(new SequenceStartEvent(null, null, true, start, start, DumperOptions.FlowStyle.FLOW));
        int q = entryFrom(p + 1);
        if (at(q) != ']') {
            while (true) {
                q = spacesFrom(flowValue(q, ']'));
                if (at(q) != ',') {
                    break;
                }
                q = entryFrom(q + 1);
            }
            require(at(q) == ']');
        }
        events.add(new SequenceEndEvent(start, start));
        depth--;
        return q + 1;
    }

    /**
     * Where a flow collection's next entry (or its end) starts, after an opening bracket or a comma at {@code p - 1}:
     * past spaces, or, where the line ends there (or a comment ends it), on the next line that holds more. SnakeYAML
     * takes such a line at any indentation; one at the first column is left to it, as it might be a document marker.
     * A line may not end anywhere else in a flow collection: after a scalar, the next line could continue it.
     */
    private int entryFrom(int p) {
        int q = spacesFrom(p);
        if (q < lineEnd && !(text.charAt(q) == '#' && q > p)) {
            return q;
        }
        next();
        require(indent > 0);
        return lineStart + indent;
    }

    /** A value inside a flow collection that {@code close} ends; returns where it ends. */
    private int flowValue(int p, char close) {
        int end = flowCollectionOrQuoted(p);
        return end >= 0 ? end : flowPlain(p, close);
    }

    /**
     * A plain scalar in a flow collection: up to a comma or the collection's end. As SnakeYAML's, it may hold a colon
     * that a character other than a space or a flow indicator follows (a URL); a '?', a '#' or a bracket in it is left
     * to SnakeYAML.
     */
    private int flowPlain(int p, char close) {
        require(p < lineEnd && !isIndicator(text.charAt(p)));
        int last = p;
        int q = p;
        for (; q < lineEnd; q++) {
            char c = text.charAt(q);
            if (c == ',' || c == close) {
                break;
            }
            require("?#[]{}".indexOf(c) < 0 && (c != ':' || q + 1 < lineEnd && " ,[]{}".indexOf(text.charAt(q + 1)) < 0));
            if (c != ' ') {
                last = q + 1;
            }
        }
        require(q < lineEnd);
        events.add(scalar(text.substring(p, last), p - lineStart, DumperOptions.ScalarStyle.PLAIN));
        return last;
    }

    /** A single-quoted scalar ('' stands for one quote); returns where it ends, after its closing quote. */
    private int singleQuoted(int p) {
        StringBuilder value = null;
        int from = p + 1;
        while (true) {
            int quote = text.indexOf('\'', from);
            require(quote >= 0 && quote < lineEnd);
            if (at(quote + 1) != '\'') {
                String last = text.substring(from, quote);
                events.add(scalar(value == null ? last : value.append(last).toString(), p - lineStart, DumperOptions.ScalarStyle.SINGLE_QUOTED));
                return quote + 1;
            }
            if (value == null) {
                value = new StringBuilder();
            }
            value.append(text, from, quote + 1);
            from = quote + 2;
        }
    }

    /** A double-quoted scalar without escapes; returns where it ends, after its closing quote. */
    private int doubleQuoted(int p) {
        int quote = text.indexOf('"', p + 1);
        require(quote >= 0 && quote < lineEnd);
        for (int q = p + 1; q < quote; q++) {
            require(text.charAt(q) != '\\');
        }
        events.add(scalar(text.substring(p + 1, quote), p - lineStart, DumperOptions.ScalarStyle.DOUBLE_QUOTED));
        return quote + 1;
    }

    // ---- events --------------------------------------------------------------------------------

    private void enter() {
        require(++depth <= MAX_DEPTH);
    }

    private ScalarEvent scalar(String value, int column, DumperOptions.ScalarStyle style) {
        Mark start = mark(line, column);
        return new ScalarEvent(null, null, style == DumperOptions.ScalarStyle.PLAIN ? PLAIN : QUOTED, value, start, start, style);
    }

    private Mark mark(int lineNumber, int column) {
        return new Mark("reader", lineStart + column, lineNumber, column, NO_SNIPPET, 0);
    }
}
