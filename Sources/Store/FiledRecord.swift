import Reconciler

/// ``Reconciler/Record`` (filed records) under a name that GRDB's own `Record` class does not shadow.
public typealias FiledRecord = Record
