/** One search over events and what people wrote about incidents, each hit with its type. */
@NamedInterface("unified")
@NullMarked
package dev.hindsight.search.unified;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
