package io.jgrad.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.core.Generator;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void hitRateAndNdcgSkipSeenItemsAndBreakTiesByIndex() {
        // 5 items; user 0 held out item 3, has seen item 4 (top score, skipped); item 3 ranks second -> gain 1/log2(3).
        float[] scores = {0.1f, 0.9f, 0.2f, 0.5f, 5.0f,
                          0.3f, 0.3f, 0.3f, 0.1f, 0.0f};
        BitSet seen0 = new BitSet();
        seen0.set(4);
        List<BitSet> seen = List.of(seen0, new BitSet());
        // user 1 held out item 2, tied with items 0 and 1 which come first by index: rank 2 -> out of the top 2
        Ranking.Metrics top2 = Ranking.evaluate(scores, 5, new int[] {0, 1}, new int[] {3, 2}, seen, 2);
        assertThat(top2.hitRate()).isEqualTo(0.5);
        assertThat(top2.ndcg()).isCloseTo(0.5 / (Math.log(3) / Math.log(2)), within(1e-12));
        Ranking.Metrics top3 = Ranking.evaluate(scores, 5, new int[] {0, 1}, new int[] {3, 2}, seen, 3);
        assertThat(top3.hitRate()).isEqualTo(1.0);
        assertThat(top3.ndcg()).isCloseTo(0.5 / (Math.log(3) / Math.log(2)) + 0.5 / 2, within(1e-12));
    }

    @Test
    void leaveLastOutHoldsOutEachUsersLastInteraction() {
        Interactions data = Interactions.synthetic(20, 30, 3, new Generator(5));
        Interactions.Split split = data.leaveLastOut();
        assertThat(split.testUser()).hasSize(20);
        assertThat(split.train().size() + split.testUser().length).isEqualTo(data.size());
        for (int r = 0; r < 20; r++) {
            int user = split.testUser()[r], last = -1;
            for (int k = 0; k < data.size(); k++) if (data.user()[k] == user) last = data.item()[k];
            assertThat(split.testItem()[r]).isEqualTo(last);
        }
    }
}
