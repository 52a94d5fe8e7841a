import Vocabulary

/// The rules `juesuan check` applies: the vocabulary's rules text (``VocabularyText/rules``).
///
/// `juesuan rules` prints this text; `juesuan check --rules FILE` reads an edited copy instead.
public enum DefaultRules {
    /// The rules text.
    public static var text: String { VocabularyText.rules }
}
