package dev.workbench.toolservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bytes of answers read whole, shared by every request: taken while reading, returned once. */
class ResponseBudgetTest {

    @Test
    void aReadPastTheBudgetIsRefusedAndTakesNothing() {
        ResponseBudget budget = new ResponseBudget(100);
        ResponseBudget.Hold first = budget.hold();
        ResponseBudget.Hold second = budget.hold();
        assertThat(first.take(60)).isTrue();
        assertThat(second.take(50)).isFalse();
        assertThat(second.take(40)).isTrue();
        assertThat(budget.hold().take(1)).isFalse();
    }

    @Test
    void releasedBytesAreAvailableAgainAndReleasingTwiceReturnsThemOnce() {
        ResponseBudget budget = new ResponseBudget(100);
        ResponseBudget.Hold first = budget.hold();
        assertThat(first.take(70)).isTrue();
        first.release();
        first.release();
        ResponseBudget.Hold second = budget.hold();
        assertThat(second.take(100)).isTrue();
        assertThat(budget.hold().take(1)).isFalse();
    }

    @Test
    void anAnswerCollectedUnreleasedReturnsItsBytes() throws Exception {
        ResponseBudget budget = new ResponseBudget(100);
        ResponseBudget.Hold hold = budget.hold();
        assertThat(hold.take(100)).isTrue();
        budget.watch(new Object(), hold);
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean returned = false;
        while (!returned && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            ResponseBudget.Hold probe = budget.hold();
            returned = probe.take(100);
            probe.release();
        }
        assertThat(returned).isTrue();
    }
}
