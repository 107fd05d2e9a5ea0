package io.textclf.application.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.application.dataset.AgNewsCsvReader;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.data.Example;
import io.textclf.domain.text.BasicEnglishTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass tokenizer (its ASCII path and its general path) agrees with a literal transcription of
 * torchtext's regex chain on every row of the shared data and on random ASCII text.
 */
class TokenizerOnRealDataTest {

    private static final String[] PATTERNS = {"'", "\"", "\\.", "<br \\/>", ",", "\\(", "\\)", "\\!", "\\?", "\\;",
        "\\:", "[\\s\\x1c-\\x1f]+"};
    private static final String[] REPLACEMENTS = {" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " ", " "};
    private static final List<Pattern> COMPILED = Arrays.stream(PATTERNS)
            .map(p -> Pattern.compile(p, Pattern.UNICODE_CHARACTER_CLASS)).toList();

    static List<String> torchtext(String line) {
        String text = line.toLowerCase(Locale.ROOT);
        for (int i = 0; i < PATTERNS.length; i++) {
            text = COMPILED.get(i).matcher(text).replaceAll(Matcher.quoteReplacement(REPLACEMENTS[i]));
        }
        List<String> tokens = new ArrayList<>();
        for (String token : text.strip().split(" ")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    @Test
    void matchesTheRegexChainOnEveryRealRow() {
        BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();
        List<Example> rows = new ArrayList<>();
        rows.addAll(new AgNewsCsvReader().read(TestData.agNews().resolve("test.csv"), 4, BadRowPolicy.FAIL).examples());
        rows.addAll(new AgNewsCsvReader().read(TestData.agNewsMini().resolve("train.csv"), 4, BadRowPolicy.FAIL).examples());
        rows.addAll(new AgNewsCsvReader().read(TestData.agNewsMini().resolve("test.csv"), 4, BadRowPolicy.FAIL).examples());
        rows.addAll(new AgNewsCsvReader().read(TestData.debian().resolve("train.csv.gz"), 41, BadRowPolicy.FAIL).examples());
        rows.addAll(new AgNewsCsvReader().read(TestData.debian().resolve("test.csv.gz"), 41, BadRowPolicy.FAIL).examples());
        int checked = 0;
        int ascii = 0;
        for (Example row : rows) {
            assertEquals(torchtext(row.text()), tokenizer.tokenize(row.text()), row.text());
            checked++;
            ascii += row.text().chars().allMatch(c -> c < 0x80) ? 1 : 0;
        }
        assertEquals(7600 + 6000 + 1600 + 53312 + 6063, checked);
        assertTrue(ascii > checked * 9 / 10, "most rows take the ASCII path: " + ascii + " of " + checked);
    }

    /** Property: on random ASCII text dense in the characters the chain treats specially, both agree. */
    @Test
    void matchesTheRegexChainOnRandomAsciiText() {
        BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();
        String[] pieces = {"a", "Z", "q", "7", " ", "  ", "'", "\"", ".", ",", "(", ")", "!", "?", ";", ":", "<", ">",
            "/", "<br />", "<BR />", "<br \"/>", "<br", " />", "\t", "\n", "\r", "\u000b", "\f", "\u001c", "\u001f",
            "-", "&", "$", "#", "\u0000", "\u007f", "word", "Don't"};
        Random random = new Random(20261130);
        for (int sample = 0; sample < 20_000; sample++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String line = text.toString();
            assertEquals(torchtext(line), tokenizer.tokenize(line), () -> "text: " + line.chars()
                    .mapToObj(c -> String.format(Locale.ROOT, "\\u%04x", c)).reduce("", String::concat));
        }
    }
}
