package io.textclf.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTableTest {

    @Test
    void countsTokensByRangeOrStringWithDenseIdsAcrossGrowth() {
        TokenTable table = new TokenTable(4);
        char[] buffer = "a b".toCharArray();
        assertEquals(0, table.add(buffer, 0, 1));
        assertEquals(1, table.add(buffer, 2, 3));
        assertEquals(0, table.add("a", 2));
        for (int i = 0; i < 10_000; i++) {
            char[] token = ("t" + i).toCharArray();
            assertEquals(i + 2, table.add(token, 0, token.length));
        }
        assertEquals(10_002, table.size());
        assertEquals(3, table.count(0));
        assertEquals("b", table.token(1));
        assertEquals(1, table.count(table.indexOf("t9999")));
        char[] probe = "xt42y".toCharArray();
        assertEquals(table.indexOf("t42"), table.indexOf(probe, 1, 4));
        assertEquals(-1, table.indexOf("t10000"));
        assertEquals(-1, table.indexOf(probe, 0, 4));
        List<String> inOrder = new ArrayList<>();
        table.forEachToken((chars, start, end) -> inOrder.add(new String(chars, start, end - start)));
        assertEquals(10_002, inOrder.size());
        assertEquals(List.of("a", "b", "t0"), inOrder.subList(0, 3));
        assertEquals("t9999", inOrder.get(10_001));
    }
}
