package dev.partneraccess.core.partner;

import java.util.List;

/**
 * The fields a profile change gives; a field not {@linkplain Field#given() given} stays as it is. A given
 * {@code idp} may be null (the partner gives up its identity provider); a given {@code businessUnits} is never null
 * (empty removes them); the other given fields are never null.
 */
public record PartnerChanges(Field<String> tier, Field<String> region, Field<String> businessOwner,
                             Field<List<String>> businessUnits, Field<String> idp, Field<Boolean> enforceIdp) {

    /** One field of a partial change: absent, or given with its value. */
    public record Field<T>(boolean given, T value) {

        public static <T> Field<T> absent() {
            return new Field<>(false, null);
        }

        public static <T> Field<T> of(T value) {
            return new Field<>(true, value);
        }

        /** The given value, or {@code current} when the field is absent. */
        public T or(T current) {
            return given ? value : current;
        }
    }
}
