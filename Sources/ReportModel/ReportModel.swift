// Typed report models (see Amount.swift, Fact.swift).
