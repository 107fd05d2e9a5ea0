package io.textclf.application.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.application.TestData;
import io.textclf.application.dataset.AgNewsCsvReader;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.data.Example;
import io.textclf.domain.text.BasicEnglishTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass tokenizer agrees with a literal transcription of torchtext's regex chain on every row
 * of the real AG News test split and of debian_descriptions.
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
        rows.addAll(new AgNewsCsvReader().read(TestData.debian().resolve("train.csv.gz"), 41, BadRowPolicy.FAIL).examples());
        int checked = 0;
        for (Example row : rows) {
            assertEquals(torchtext(row.text()), tokenizer.tokenize(row.text()), row.text());
            checked++;
        }
        assertEquals(7600 + 53312, checked);
    }
}
