"""Arguments of an event trigger, read from the dependency parse along the ontology's paths.

A path names a grammatical relation from the trigger ("subject", "object", "prep:to", ...;
see ``event_types.yaml``). Paths are voice-aware (the subject of "was trained by X" is X)
and a noun trigger borrows the relations of the verb it is the object of ("X held talks
with Y"). Each path gives the head token of every filler, one per member of a
coordination ("to Chile and Peru" gives two), unless the path asks for one member ("#1").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

_SUBJECTS = ("nsubj", "csubj", "expl")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_OBJECT_OF_VERB = ("dobj", "attr", "oprd", "nsubjpass")
_INHERITS_SUBJECT = ("xcomp", "conj", "advcl", "pcomp")
_MODIFIERS = ("amod", "compound", "nmod", "npadvmod")
_COMPLEMENTS = ("oprd", "attr", "acomp", "xcomp")
_RELATIVE_PRONOUNS = ("that", "who", "which", "whom")
# Quantities whose "of" phrase names the thing: "none of the tanks were delivered" delivers (no) tanks.
_PARTITIVES = frozenset({"none", "some", "all", "most", "many", "few", "several", "half", "part", "any", "both",
                         "neither", "either", "each", "one"})
# Verbs whose subject comments on an event rather than takes part in it: "Bolivia criticised the sale"
# does not make Bolivia the seller, as "Bolivia signed the agreement" makes it a party.
_COMMENTARY = frozenset({"criticise", "criticize", "condemn", "welcome", "praise", "deny", "report",
                         "oppose", "question", "investigate", "discuss", "protest", "reject", "denounce", "hail",
                         "applaud", "blame", "mention", "describe", "cite"})
# Nouns of a change in an amount: the subject of "approved an increase of the budget" sets the budget.
_CHANGE_NOUNS = frozenset({"increase", "rise", "raise", "hike", "boost", "cut", "reduction", "decrease",
                           "expansion", "doubling", "tripling", "growth"})
# Verbs whose subject takes part in the event of their "in" phrase ("was involved in the sale").
_PARTICIPATION = frozenset({"involve", "engage", "catch", "participate", "implicate", "embroil", "partake"})


def is_passive(verb: Token) -> bool:
    """A passive verb: it has a passive subject or auxiliary, or is a past participle modifying a noun."""
    if any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.i != verb.i and not _children(verb, "dobj"):
        return is_passive(verb.head)  # "was dismissed and (was) arrested"
    if any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return False  # "reports that the country had supplied tanks", parsed as a noun's modifier
    return verb.tag_ == "VBN" and verb.dep_ == "acl"


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def phrase_head(noun: Token) -> Token:
    """The head of the noun phrase a noun belongs to ("arms" in "arms sales" -> "sales")."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def governor(trigger: Token) -> Token | None:
    """The verb a noun trigger is the object or complement of ("signed" in "signed an agreement")."""
    if is_verb(trigger):
        return None
    head = phrase_head(trigger)
    if head.dep_ in _OBJECT_OF_VERB and is_verb(head.head):
        return head.head
    if head.dep_ == "pobj" and head.head.dep_ in ("prep", "agent") and is_verb(head.head.head):
        return head.head.head
    return None


def coordinated(token: Token) -> list[Token]:
    """The token and the members coordinated with it ("Chile, Peru and Bolivia")."""
    members = [token]
    for child in token.children:
        if child.dep_ == "conj":
            members += coordinated(child)
    return members


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def subject_of(token: Token, depth: int = 0) -> Token | None:
    """The logical subject of a verb, or of a noun through its governing verb or possessor."""
    if depth > 4:
        return None
    if not is_verb(token):
        head = phrase_head(token)
        change = _changed_by(head)
        if change is not None:
            return subject_of(change, depth + 1)  # "Kenya approved an increase of its defence budget"
        verb = governor(token)
        if verb is not None and head.dep_ in _OBJECT_OF_VERB and verb.lemma_.lower() not in _COMMENTARY:
            return subject_of(verb, depth + 1)
        if verb is not None and _takes_part(verb, head.head.lower_):
            found = _children(verb, "nsubj", "nsubjpass")  # "X was caught in the sale", "X was behind the attack"
            return found[0] if found else None
        return None
    if is_passive(token):
        for agent in _children(token, "agent"):
            objects = _children(agent, "pobj")
            if objects:
                return objects[0]
        if token.dep_ == "acl":
            return None
    else:
        subjects = [s for s in _children(token, *_SUBJECTS) if s.lower_ != "there"]
        if subjects and token.dep_ == "relcl" and subjects[0].lower_ in _RELATIVE_PRONOUNS:
            return token.head
        if subjects:
            return subjects[0]
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG"):
            return token.head  # "the company that sold ...", "officials travelling to ..."
    if token.dep_ in _INHERITS_SUBJECT and token.head.i != token.i and not is_passive(token):
        return subject_of(token.head, depth + 1)
    return None


def _changed_by(noun: Token) -> Token | None:
    """The change noun whose "of" phrase the noun is ("an increase of the budget" -> increase)."""
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.i != preposition.i:
        change = preposition.head
        if change.pos_ == "NOUN" and change.lemma_.lower() in _CHANGE_NOUNS:
            return change
    return None


def _takes_part(verb: Token, preposition: str) -> bool:
    lemma = verb.lemma_.lower()
    return preposition == "in" and lemma in _PARTICIPATION or preposition == "behind" and lemma == "be"


def object_of(token: Token) -> Token | None:
    """The logical object: direct object of an active verb, subject of a passive one, "of" phrase of a noun."""
    if is_verb(token):
        if is_passive(token):
            found = _children(token, "dobj") or _children(token, *_PASSIVE_SUBJECTS)
            if found:
                return partitive_whole(found[0])
            if token.dep_ in ("acl", "relcl"):
                return token.head
            if token.dep_ == "conj" and is_verb(token.head) and is_passive(token.head):
                return object_of(token.head)  # "X was removed and arrested": X was arrested
            return None
        found = _children(token, "dobj", "attr", "oprd")
        return partitive_whole(found[0]) if found else None
    for prep in _children(token, "prep"):
        if prep.lower_ == "of":
            objects = _children(prep, "pobj")
            if objects:
                return objects[0]
    return None


def partitive_whole(noun: Token) -> Token:
    """The thing a partitive quantity is of ("tanks" in "none of the tanks"), else the noun itself."""
    if noun.lower_ not in _PARTITIVES:
        return noun
    for prep in _children(noun, "prep"):
        if prep.lower_ == "of":
            objects = _children(prep, "pobj")
            if objects:
                return objects[0]
    return noun


def preposition_objects(token: Token, words: frozenset[str]) -> list[Token]:
    """Objects of the prepositions ``words`` attached to the token."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in words:
            found += _children(prep, "pobj", "pcomp")
    return found


def _by_preposition(trigger: Token, words: frozenset[str]) -> Token | None:
    """A preposition's object on the trigger, on its object, or on the verb governing a noun trigger."""
    places = [trigger]
    item = object_of(trigger)
    if item is not None:
        places.append(item)
    verb = governor(trigger)
    if verb is not None and verb.lemma_.lower() not in _COMMENTARY:
        places.append(verb)
    head = phrase_head(trigger)
    if head.i != trigger.i:
        places.append(head)
    for prep in _children(trigger, "prep"):  # "the sale in 2019 of tanks": the parser hangs "of" on the date
        places += [date for date in _children(prep, "pobj") if date.ent_type_ == "DATE"]
    copula = _copula_of_described(trigger)
    if copula is not None:
        places.append(copula)  # "the tanks sold to Peru were from Spain"
    if head.dep_ in ("nsubj", "nsubjpass") and is_verb(head.head) and head.head.lemma_.lower() not in _COMMENTARY:
        places.append(head.head)  # "orders against him were issued in Chile"
        places += [c for c in head.head.children if c.dep_ in ("advmod", "prt", "acomp")]
    for place in places:
        found = preposition_objects(place, words)
        if found:
            return found[0]
    return None


def _copula_of_described(trigger: Token) -> Token | None:
    """The copula whose subject the trigger's clause describes: "(most of) the tanks bought by Peru were ..."."""
    if trigger.dep_ not in ("acl", "relcl") or not is_verb(trigger):
        return None
    noun = trigger.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
        noun = noun.head.head  # a partitive: "most of the tanks"
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "be":
        return noun.head
    return None


def listed_pairs(trigger: Token, words: frozenset[str], names_entity: EntityTest) -> list[tuple[Token, Token]]:
    """(thing, party) pairs of a list after the trigger: "imported rifles from A, mortars from B and drones from C".

    Read along the words, not the tree, since the parser often splits such lists; at least two
    pairs make a list, and each party names an entity.
    """
    pairs = []
    for token in trigger.sent:
        if token.i <= trigger.i or token.lower_ not in words or token.dep_ != "prep":
            continue
        thing = token.head
        if thing.i == trigger.i or thing.pos_ not in ("NOUN", "PROPN") or not is_verb(trigger) and thing.i < trigger.i:
            continue
        parties = [c for c in token.children if c.dep_ == "pobj" and names_entity(c)]
        if parties:
            pairs.append((thing, parties[0]))
    return pairs if len(pairs) >= 2 else []


def following_preposition(trigger: Token, words: frozenset[str]) -> Token | None:
    """The object of a preposition that follows a noun trigger with no verb between them: the parser
    often hangs "imports over the decade to Peru" on the verb before the noun."""
    if is_verb(trigger):
        return None
    for token in trigger.doc[trigger.i + 1:trigger.sent.end]:
        if is_verb(token) or token.dep_ in ("cc", "mark") or token.is_punct and token.text != "-":
            return None
        if token.dep_ == "prep" and token.lower_ in words:
            objects = _children(token, "pobj")
            return objects[0] if objects else None
    return None


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in _MODIFIERS and c.i != token.i]


def _dative(trigger: Token) -> Token | None:
    if is_verb(trigger) and is_passive(trigger) and _children(trigger, "dobj"):
        found = _children(trigger, *_PASSIVE_SUBJECTS)  # "Chile was sold tanks": Chile receives
        if found:
            return found[0]
    for child in _children(trigger, "dative"):
        objects = _children(child, "pobj")
        return objects[0] if objects else child
    return None


def _complement(trigger: Token) -> Token | None:
    found = _children(trigger, *_COMPLEMENTS)
    return found[0] if found else None


def _poss(trigger: Token) -> Token | None:
    found = _children(phrase_head(trigger), "poss") or _children(trigger, "poss")
    return found[0] if found else None


EntityTest = Callable[[Token], bool]


def _modifier(trigger: Token, names_entity: EntityTest) -> Token | None:
    for token in _modifiers(trigger) + (_modifiers(phrase_head(trigger)) if phrase_head(trigger).i != trigger.i else []):
        if names_entity(token):
            return token
    return None


def _modifier_item(trigger: Token) -> Token | None:
    found = [t for t in _modifiers(trigger) if t.pos_ in ("NOUN", "PROPN", "ADJ")]
    return found[0] if found else None


def _modifier_of(trigger: Token, names_entity: EntityTest) -> Token | None:
    item = object_of(trigger)
    if item is None:
        return None
    for token in _modifiers(item):
        if names_entity(token):
            return token
    return None


def follow_path(trigger: Token, path: str, names_entity: EntityTest) -> list[Token]:
    """The filler head tokens that ``path`` reaches from the trigger (empty when none)."""
    member = None
    if "#" in path:
        path, index = path.split("#")
        member = int(index) - 1
    if path == "subject":
        found = subject_of(trigger)
    elif path == "object":
        found = object_of(trigger)
    elif path == "dative":
        found = _dative(trigger)
    elif path == "poss":
        found = _poss(trigger)
    elif path == "modifier":
        found = _modifier(trigger, names_entity)
    elif path == "modifier_item":
        found = _modifier_item(trigger)
    elif path == "modifier_of":
        found = _modifier_of(trigger, names_entity)
    elif path == "complement":
        found = _complement(trigger)
    elif path == "with":
        found = _by_preposition(trigger, frozenset({"with"}))
    elif path.startswith(("listed:", "listed_item:")):
        kind, words = path.split(":")
        pairs = listed_pairs(trigger, frozenset(words.split("|")), names_entity)
        return [party if kind == "listed" else thing for thing, party in pairs]
    elif path.startswith("near:"):
        found = following_preposition(trigger, frozenset(path.removeprefix("near:").split("|")))
    elif path.startswith("prep:"):
        found = _by_preposition(trigger, frozenset(path.removeprefix("prep:").split("|")))
    else:  # "money" is read from entities, not from a path
        found = None
    if found is None:
        return []
    members = coordinated(found)
    if member is not None:
        return [members[member]] if member < len(members) else []
    return members
