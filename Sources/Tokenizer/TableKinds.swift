import ReportModel
import Vocabulary

/// The words the reader relies on (the vocabulary's labels), read once.
let labels = Vocabulary.standard.labels

enum TableKinds {
    /// The kind of a normalised title (``Vocabulary/kind(ofTitle:)``): the kind of the longest
    /// title or alias that ends it.
    static func kind(ofNormalized title: String) -> TableKind? {
        Vocabulary.standard.kind(ofTitle: title)
    }
}
