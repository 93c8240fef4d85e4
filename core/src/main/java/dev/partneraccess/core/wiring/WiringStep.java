package dev.partneraccess.core.wiring;

import java.util.List;

/** One named aspect of a realm's wiring: it can say whether the realm has it, and put it in place when it does not. */
interface WiringStep {

    String name();

    WiringCheck check(Target target);

    /**
     * Puts this aspect in place; called only when {@link #check} failed. Each change made is added to {@code changes}
     * as a sentence an admin can read; a step that cannot fix what it found adds nothing and its check keeps failing.
     */
    void fix(Target target, List<String> changes);
}
