"""The constructions issue 13 found dropped, each in a sentence written for it (blank pipeline)."""

from __future__ import annotations

import pytest

from framing_annotator.nlp.suggest import Suggester


def run(suggester: Suggester, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[s.start : s.end], str(s.kind), s.speaker) for s in suggester.suggest(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a final attribution to "the" + a proper name
        ("The port will close its eastern berths next month, the Harbour Authority said.",
         [("The port will close its eastern berths next month", "indirect",
           "Harbour Authority")]),
        # a comma right after "that"
        ("Novak joked that, among the things the council had tried, only the fines worked.",
         [("among the things the council had tried, only the fines worked", "indirect",
           "Novak")]),
        ("Novak said that, if elected, she would reopen the library on Sundays.",
         [("if elected, she would reopen the library on Sundays", "indirect", "Novak")]),
        # a subject ending in a pronoun, relative and coordinated speakers
        ("Those close to him say the mayor has not decided whether to run again.",
         [("the mayor has not decided whether to run again", "indirect", "Those close to him")]),
        # a relative speaker is who the relative phrase is about
        ("The plan angered farmers, many of whom say the new rules came too late.",
         [("the new rules came too late", "indirect", "farmers")]),
        ("The levy hit Jan Novak and Li Wei, both of whom said the rates were unfair.",
         [("the rates were unfair", "indirect", "Jan Novak and Li Wei")]),
        # ... and what comes before its comma is not what was said
        ("The board met the night staff, most of whom said the rota should stay as it is.",
         [("the rota should stay as it is", "indirect", "the night staff")]),
        ("The board met the night staff, who said the rota should stay.",
         [("the rota should stay", "indirect", None)]),
        ("The plan came from Jan Novak, who in 2010 said the bridge would never be finished.",
         [("the bridge would never be finished", "indirect", "Jan Novak")]),
        ("Jan Novak and Li Wei both suggested that the vote be delayed until spring.",
         [("the vote be delayed until spring", "indirect", "Jan Novak and Li Wei")]),
        # an infinitive cue takes the sentence's subject, when it reports
        ("After the vote, Mayor Ruth Caldwell was moved to say, “I miss the old council.”",
         [("“I miss the old council.”", "direct", "Ruth Caldwell")]),
        # a long addressee, or a named one, before the clause's pronoun
        ("Ruth Caldwell told a parents' group meeting in Eastgate she would keep the pool "
         "open.",
         [("she would keep the pool open", "indirect", "Ruth Caldwell")]),
        ("Ruth Caldwell told The Ledger of Riverton last week she would keep the pool open.",
         [("she would keep the pool open", "indirect", "Ruth Caldwell")]),
        # a long addressee before "that"
        ("Ana Ruiz told an audience at a book festival in Leeds last week that the new rules "
         "were a disgrace.",
         [("the new rules were a disgrace", "indirect", "Ana Ruiz")]),
        # a time phrase between subject and verb, or after the verb
        ("Jan Novak on Tuesday said the council would vote on the budget next week.",
         [("the council would vote on the budget next week", "indirect", "Jan Novak")]),
        ("Novak's close friends have in the past said she would never run for mayor.",
         [("she would never run for mayor", "indirect", "Novak's close friends")]),
        ("Jan Novak said on Tuesday the council would vote on the budget next week.",
         [("the council would vote on the budget next week", "indirect", "Jan Novak")]),
        # "according to" a long title and a name, after another sentence
        ("The council met on Monday. According to Riverside council finance director Jan "
         "Novak, the budget is balanced.",
         [("the budget is balanced", "indirect", "Jan Novak")]),
        # any noun phrase after "according to" is the source
        ("Turnout fell by a third in the river wards, according to early results of the count.",
         [("Turnout fell by a third in the river wards", "indirect",
           "early results of the count")]),
        ("According to exit polls, most voters in Riverton backed the depot.",
         [("most voters in Riverton backed the depot", "indirect", "exit polls")]),
        # an aside opened by "as" attributes the clause after its comma, or the one before
        ("As the Ledger reported on Friday, the depot will close in March.",
         [("the depot will close in March", "indirect", "Ledger")]),
        ("As reported by the Ledger, the depot will close in March.",
         [("the depot will close in March", "indirect", "Ledger")]),
        ("The depot will close in March, as Jan Novak noted.",
         [("The depot will close in March", "indirect", "Jan Novak")]),
        # words after a cue that go on as a clause are not an inverted speaker; an age in
        # an appositive is skipped; a participle never inverts
        ("Jillian Chase, 27, a nurse in Leeds, said the election rarely came up at work.",
         [("the election rarely came up at work", "indirect", "Jillian Chase")]),
        ("Rachel Berg, a nurse from Austin, Texas, said the clinic should stay open.",
         [("the clinic should stay open", "indirect", "Rachel Berg")]),
        ("Mayor Ruth Caldwell defended the budget on Monday, saying the city could not "
         "afford more cuts.",
         [("the city could not afford more cuts", "indirect", "Ruth Caldwell")]),
        ("Asked by host Dana Reyes whether she would run, Novak smiled.",
         [("whether she would run", "indirect", "Dana Reyes")]),
        # a nested closing mark, a space, then the outer one
        ("Mayor Ruth Caldwell spoke first. “We need more than ‘outreach,’ ” she told the "
         "meeting.",
         [("“We need more than ‘outreach,’ ”", "direct", "Ruth Caldwell")]),
        # headline formats
        ("Novak Says Council Will Reopen Library\n\nThe council voted on Monday.",
         [("Council Will Reopen Library", "indirect", "Novak")]),
        # a full stop may close a title-case headline
        ("Novak Says Council Will Reopen Library.\n\nThe council voted on Monday.",
         [("Council Will Reopen Library", "indirect", "Novak")]),
        ("Library Will Close in March, Former Official Says\n\nThe council voted on Monday.",
         [("Library Will Close in March", "indirect", "Former Official")]),
        # a medial attribution gives both pieces
        ("The test, officials said, was the largest yet.",
         [("The test", "indirect", "officials"), ("was the largest yet", "indirect",
                                                  "officials")]),
        # ... also after an opening phrase, around an infinitive cue, or opening with
        # "because"; the subject of the main clause may follow an opening phrase
        ("At times last year, people close to the mayor said, the mere mention of the depot "
         "could make him fume.",
         [("At times last year", "indirect", "people close to the mayor"),
          ("the mere mention of the depot could make him fume", "indirect",
           "people close to the mayor")]),
        ("The effects are difficult to predict, many economists say, because there is little "
         "precedent for it.",
         [("The effects are difficult to predict", "indirect", "many economists"),
          ("because there is little precedent for it", "indirect", "many economists")]),
        # a description before the name after the cue, ending the sentence
        ("\"The depot will close in March,\" said former council adviser Dana Reyes.",
         [("\"The depot will close in March,\"", "direct", "Dana Reyes")]),
        # a name, then its description in commas; a name's job, then the name
        ("\"You need to close the depot,\" Councillor Ivo Berg, Labour member for Eastgate, "
         "told the mayor.",
         [("\"You need to close the depot,\"", "direct", "Ivo Berg")]),
        ("\"The attacks draw us all together,\" the mayor's spokesman, Tom Ellis, wrote.",
         [("\"The attacks draw us all together,\"", "direct", "Tom Ellis")]),
        # a dash opens a quotation like a sentence start
        ("Neither man liked the plan - \"Far too expensive,\" Mr. Berg said - but both voted "
         "for it.",
         [("\"Far too expensive,\"", "direct", "Berg")]),
        # "the" after the object opens what the speaker calls it; the name ends the clause
        ("In a tweet, Novak called Berg the “ultimate hypocrite,” a charge Berg denied.",
         [("Berg the “ultimate hypocrite,”", "mixed", "Novak")]),
        # an explicit "said Name" beats a headline-style label before a colon
        ("Big news: “The library will reopen on Sundays,” said Jane Smith.",
         [("“The library will reopen on Sundays,”", "direct", "Jane Smith")]),
        # emoji before a quote and between subject and verb
        ("🎉“The library will reopen on Sundays,” said Jane Smith.",
         [("“The library will reopen on Sundays,”", "direct", "Jane Smith")]),
        ("Jane Smith 🎉 said the library will reopen on Sundays.",
         [("the library will reopen on Sundays", "indirect", "Jane Smith")]),
        # a clause ends before ", and when ..."
        ("Jan Novak said the plan would fail, and when the vote came she left the room.",
         [("the plan would fail", "indirect", "Jan Novak")]),
        # a past tense right before the comma reports without a subject nearby
        ("Others, reacting to the video, shouted, “Stop the cover-up!”",
         [("“Stop the cover-up!”", "direct", None)]),
        # a parenthesis opens a quotation like a sentence start
        ("Lena Park agreed. (“We finished the plan on time,” she said.) Then it ended.",
         [("“We finished the plan on time,”", "direct", "Lena Park")]),
        # a participle reports a direct quote even when its subject is far away
        ("The ministry issued a statement on Tuesday saying, “We will appeal.”",
         [("“We will appeal.”", "direct", "The ministry")]),
        # an indirect question is what the asker said, up to its first comma; "by X" names
        # the asker, and a passive or an unnamed asker leaves none
        ("Councillor Ivo Berg asked the mayor whether the pool would reopen before summer.",
         [("whether the pool would reopen before summer", "indirect", "Ivo Berg")]),
        ("Asked by Lena Park if she would run again, Novak smiled and left the room.",
         [("if she would run again", "indirect", "Lena Park")]),
        ("Novak was asked how the council would pay for the new depot.",
         [("how the council would pay for the new depot", "indirect", None)]),
        ("HuffPost asked the 2016 Democratic contender if he had prepared for a loss.",
         [("if he had prepared for a loss", "indirect", "HuffPost")]),
        ("EXCLUSIVE – Jan Novak: The depot was never safe\n\nThe council voted on Monday.",
         [("The depot was never safe", "indirect", "Jan Novak")]),
        ("Novak to Riverton Council: Keep the library open\n\nThe council voted on Monday.",
         [("Keep the library open", "indirect", "Novak")]),
        # a time phrase or a participle opening the sentence is no fronted clause, and a
        # "that" after the cue opens the clause
        ("Earlier in the campaign, Novak said on the radio that the depot would close.",
         [("the depot would close", "indirect", "Novak")]),
        # a subject pronoun after a cue that otherwise needs "that" opens a clause
        ("Jan Novak wrote in her memoir that the depot had never been safe.",
         [("the depot had never been safe", "indirect", "Jan Novak")]),
        ("Jan Novak maintained that the depot had never been safe.",
         [("the depot had never been safe", "indirect", "Jan Novak")]),
        ("Jan Novak confirmed he would stand for mayor again next year.",
         [("he would stand for mayor again next year", "indirect", "Jan Novak")]),
        ("The two unions announced they would end the strike on Friday.",
         [("they would end the strike on Friday", "indirect", "The two unions")]),
        # a noun phrase opening the sentence is the subject, with a relative clause after it
        ("But hacking specialists say the leak came from inside the council.",
         [("the leak came from inside the council", "indirect", "hacking specialists")]),
        ("Some advocates for the new depot said the vote was a turning point.",
         [("the vote was a turning point", "indirect", "Some advocates for the new depot")]),
        ("Parents in Riverton who attended the meeting said the fees were too high.",
         [("the fees were too high", "indirect", "Parents in Riverton")]),
        ("A person familiar with the plans for Thursday’s meeting says the vote will be "
         "delayed.",
         [("the vote will be delayed", "indirect",
           "A person familiar with the plans for Thursday’s meeting")]),
        ("The self-described independent candidate said she would not take party money.",
         [("she would not take party money", "indirect",
           "The self-described independent candidate")]),
        ("A news report published Wednesday said the minister used a private account.",
         [("the minister used a private account", "indirect",
           "A news report published Wednesday")]),
        ("Her campaign workers here said they have knocked on every door twice.",
         [("they have knocked on every door twice", "indirect", "Her campaign workers")]),
        # a clause opening with a pronoun after the cue is no attribution tail
        ("A week ahead of the vote, the Novak campaign says they are unwilling to debate.",
         [("they are unwilling to debate", "indirect", "the Novak campaign")]),
        # poll shares
        ("Almost half of respondents said the council had lost their trust.",
         [("the council had lost their trust", "indirect", "Almost half of respondents")]),
        ("Most backed the plan, and a third said the fees should fall.",
         [("the fees should fall", "indirect", "a third")]),
        ("A third of renters, 33%, say the depot should become housing.",
         [("the depot should become housing", "indirect", "33%")]),
        ("Nearly nine out of 10 say the depot should stay open.",
         [("the depot should stay open", "indirect", "Nearly nine out of 10")]),
        # a headline that opens with a name and a colon gives the rest of the line
        ("Novak: Council will reopen the library on Sundays\n\nThe council voted on Monday.",
         [("Council will reopen the library on Sundays", "indirect", "Novak")]),
        # a speaker named by what they do, before a participle cue
        ("The billionaire businessman opened the meeting by praising the harbour, saying that "
         "cleaning it up is now “cheaper than doing nothing.”",
         [("cleaning it up is now “cheaper than doing nothing.”", "mixed",
           "The billionaire businessman")]),
        # the speaker's own quoted words make a report even when the cue's subject is far back
        ("The Riverside Tenants Union did not want to discuss “that landlord,” telling the "
         "Ledger that the group is focused on “keeping families in their homes.”",
         [("the group is focused on “keeping families in their homes.”", "mixed",
           "The Riverside Tenants Union")]),
        # a name the speaker gave is the quotation: what follows it is the writer's
        ("The depot plan was what council member Ana Ruiz called “the start of a new era” in "
         "her speech on Monday night.",
         [("“the start of a new era”", "direct", "Ana Ruiz")]),
        # an attribution inside a reported clause whose second piece opens with her words
        ("The harbour board’s heavy spending on new cranes, Ms. Ruiz said, “is a perfect "
         "example of planning” for the changing trade.",
         [("The harbour board’s heavy spending on new cranes", "indirect", "Ruiz"),
          ("“is a perfect example of planning” for the changing trade", "mixed", "Ruiz")]),
        # ... an opening phrase before it is the writer's, and a quote split by its
        # attribution, or a first piece with commas of its own, stays direct
        ("Ana Ruiz toured the depot. In the river wards, she said, “we have not seen a bus in "
         "weeks.”",
         [("“we have not seen a bus in weeks.”", "direct", "Ana Ruiz")]),
        ("Ana Ruiz spoke last. The council met on Monday, and unusually, she said, “nobody shouted "
         "at anyone.”",
         [("“nobody shouted at anyone.”", "direct", "Ana Ruiz")]),
        ("Ana Ruiz spoke last. “The plan,” she said, “is dead.”",
         [("“The plan,”", "direct", "Ana Ruiz"), ("“is dead.”", "direct", "Ana Ruiz")]),
        # a long object or a phrase between the cue and "that"
        ("Ruiz is telling diners at a busy Eastgate, Riverton, breakfast cafe that “I need you "
         "on Tuesday.”",
         [("“I need you on Tuesday.”", "direct", "Ruiz")]),
        ("Ruiz conceded in a televised debate last week that she is “not a natural speaker.”",
         [("she is “not a natural speaker.”", "mixed", "Ruiz")]),
        # ... but a "that" after a plain object is a relative pronoun
        ("Ruiz said the plan that the council passed was “a mess.”",
         [("the plan that the council passed was “a mess.”", "mixed", "Ruiz")]),
        # the writer's comment on the whole clause, or the subject's next verb, ends it
        ("Ruiz said the depot would “not close this year” at the meeting, a swipe at the "
         "council’s plan.",
         [("the depot would “not close this year” at the meeting", "mixed", "Ruiz")]),
        ("Ruiz said the line had been “badly run” for years, a charge that the operator denied.",
         [("the line had been “badly run” for years", "indirect", "Ruiz")]),
        ("Ruiz said she would offer “a fair hearing” to the new board but did not say when it "
         "would meet.",
         [("she would offer “a fair hearing” to the new board", "mixed", "Ruiz")]),
        # ... a name's appositive does not
        ("Ruiz said the new line would “finally reach” Eastgate, a town that she hoped to win.",
         [("the new line would “finally reach” Eastgate, a town that she hoped to win",
           "indirect", "Ruiz")]),
        # a stray space between the quote's last punctuation and its closing mark
        ('"I think the depot should stay open. It is a disgrace that they are doing this, " '
         "Ana Ruiz said.",
         [('"I think the depot should stay open. It is a disgrace that they are doing this, "',
           "direct", "Ana Ruiz")]),
        ('"What does that mean? " Ana Ruiz asked.',
         [('"What does that mean? "', "direct", "Ana Ruiz")]),
        # a cue that is also a noun, used as a verb after its subject
        ("Ruiz claims the council lied about the depot.",
         [("the council lied about the depot", "indirect", "Ruiz")]),
        ('Ruiz promises that the council will not "raise your rents again" or "tell you where '
         'to park."',
         [('the council will not "raise your rents again" or "tell you where to park."',
           "mixed", "Ruiz")]),
        # "though" between commas is an adverb inside the clause, not a concession after it
        ('The budget, though, would have to "go much further than this," Novak said.',
         [('The budget, though, would have to "go much further than this,"', "mixed", "Novak")]),
        # a job title between the comma and the name of a final attribution
        ("Given the council's record, its support will carry “a great deal of weight” and help "
         "the plan pass, spokesman Ivo Berg said.",
         [("Given the council's record, its support will carry “a great deal of weight” and "
           "help the plan pass", "mixed", "Ivo Berg")]),
        # an opening "But" does not make the inverted speaker the subject of a main clause
        ("But the mayor would do well to begin “building bridges” to the unions, said Dana "
         "Whitcombe, an analyst.",
         [("But the mayor would do well to begin “building bridges” to the unions", "indirect",
           "Dana Whitcombe")]),
        ("But throughout the summer, members of both unions said the deal was fair.",
         [("the deal was fair", "indirect", "members of both unions")]),
        # a quotation closing on a period, then a cue with a clause of its own: two reports
        ('"The plan is dead." Reid said both Novak and Li are "non-entities on the council."',
         [('"The plan is dead."', "direct", "Reid"),
          ('both Novak and Li are "non-entities on the council."', "mixed", "Reid")]),
        ('"The plan is dead." Reid said on Monday.',
         [('"The plan is dead."', "direct", "Reid")]),
        # an infinitive whose verb is the speaker's own quoted word
        ('On his website, Ruiz promises to "end" the parking levy.',
         [('to "end" the parking levy', "indirect", "Ruiz")]),
        # a naming cue's clause ends with the first quotation that closes the name
        ('Novak called the merger "a terrible deal" and ranked it among the worst in years.',
         [('the merger "a terrible deal"', "mixed", "Novak")]),
        ('Lund has called the depot plan "insanity," and Ruiz says it is "a disaster."',
         [('the depot plan "insanity,"', "mixed", "Lund"),
          ('it is "a disaster."', "mixed", "Ruiz")]),
        # a clause that meets a quotation closing on a comma and its own attribution ends there
        ('Asked why the depot had closed during an interview on "Riverton Today," Ruiz said the '
         'staff had "done their very best."',
         [('why the depot had closed during an interview on "Riverton Today,"', "mixed", None),
          ('the staff had "done their very best."', "mixed", "Ruiz")]),
        # "state" after an article or "of" is the noun, no cue
        ('The former secretary of state will play the "woman card," Novak said.',
         [('The former secretary of state will play the "woman card,"', "mixed", "Novak")]),
        ("The documents state that the depot closed.",
         [("the depot closed", "indirect", "The documents")]),
        # an invisible direction mark from pasted social-media text before the opening mark
        ("Readers answered.\n\n\u202a”We will rebuild the depot together!” wrote Jan Novak.",
         [("”We will rebuild the depot together!”", "direct", "Jan Novak")]),
        # a cue participle with its agent describes a noun ("highlighted by"), no report
        ("Commenting on the divide highlighted by the recent floods in Eastgate and Riverton, "
         'Mayor Ruth Caldwell said the council is "trying to rebuild trust."',
         [('the council is "trying to rebuild trust."', "mixed", "Ruth Caldwell")]),
        ("The depot closed early, as reported by the Ledger.",
         [("The depot closed early", "indirect", "Ledger")]),
        # a clause between the cue and the colon or comma before a quotation is reported too
        ('Novak adds that the council has two choices: "Either you fix it or you go."',
         [("the council has two choices", "indirect", "Novak"),
          ('"Either you fix it or you go."', "direct", "Novak")]),
        ('Novak said because the mayor is popular with voters, "she is a very good campaigner '
         'for us."',
         [('because the mayor is popular with voters, "she is a very good campaigner for us."',
           "mixed", "Novak")]),
        # a clause ends at its sentence's period, before a parenthesis and a quotation opening
        # the next sentence
        ("Ruiz said she backed the plan only because the council agreed to pay. (''We will pay "
         "for all of it,'' Novak said.)",
         [("she backed the plan only because the council agreed to pay", "indirect", "Ruiz"),
          ("''We will pay for all of it,''", "direct", "Novak")]),
        # a semicolon starts a clause with a subject of its own, when it has one
        ('Nine of 10 farmers in Eastgate were worried about prices; most said they were "very '
         'worried."',
         [('they were "very worried."', "mixed", "most")]),
        ("Ruiz was booed at the meeting; was denounced by the union; and declared that the depot "
         "would close.",
         [("the depot would close", "indirect", "Ruiz")]),
        # a clause that runs into a later cue's direct quote ends before that quote's attribution
        ('In a 2014 interview with the Ledger, Novak insisted it was "premature" to back the '
         'depot plan while adding on the budget, "I have no doubt the council means well."',
         [('it was "premature" to back the depot plan', "indirect", "Novak"),
          ('"I have no doubt the council means well."', "direct", None)]),
        # a sentence-initial quotation that opens a clause reported by a final attribution
        ('"We are frustrated and horrified" by the shooting at the club in Eastgate, Nefzi said.',
         [('"We are frustrated and horrified" by the shooting at the club in Eastgate', "mixed",
           "Nefzi")]),
        ('"There is a sense of stability now," and donations began to pick up again last week, '
         "Ivo Berg said.",
         [('"There is a sense of stability now," and donations began to pick up again last week',
           "mixed", "Ivo Berg")]),
        # a cue that wants "that" also reports a finite clause without it
        ('Legal observers note the council would not truly "close" the depot, but rather move '
         "it.",
         [('the council would not truly "close" the depot, but rather move it', "indirect",
           "Legal observers")]),
        # ", including" goes on with the clause's list; it is no participle of the writer's
        ('Salkin said the effort was an attempt to head off "more radical" protests, including '
         "walkouts and jeers.",
         [('the effort was an attempt to head off "more radical" protests, including walkouts '
           "and jeers", "indirect", "Salkin")]),
        # a speaker phrase with a place appositive and no comma before it
        ('The mayor spoke after a woman in Eastgate, Riverton, told him she worries he is "too '
         'nice" to win.',
         [('she worries he is "too nice" to win', "indirect", "a woman")]),
        # the one told, then a comma, then the clause; an opening adverb is no first piece
        ('And, Novak tells the crowd, he has been known to be "brusk" and "tough" at home.',
         [('he has been known to be "brusk" and "tough" at home', "indirect", "Novak")]),
        ("Also, Novak said, the depot will close.",
         [("the depot will close", "indirect", "Novak")]),
        # a headline quotation after a name and a colon that opens the rest of the line
        ("Jan Novak: ‘Of Course’ The Council Is Ready To Govern\n\nThe council met on Monday.",
         [("‘Of Course’ The Council Is Ready To Govern", "indirect", "Jan Novak")]),
        # a longer one asked before the infinitive
        ('The Harbour Trust has asked the campaign of council candidate Ana Ruiz to "cease and '
         'desist" from using its emblem.',
         [('the campaign of council candidate Ana Ruiz to "cease and desist" from using its '
           "emblem", "mixed", "Harbour Trust")]),
        # a possessive speaker's pledge or promise to do something
        ('The worries go beyond Novak\'s controversial pledge to be "neutral" during the harbour '
         "talks.",
         [('to be "neutral" during the harbour talks', "indirect", "Novak")]),
        # a state abbreviation inside the speaker's parenthesis (the tokenizer keeps "Vt." one
        # token; one it splits, "Ida" ".", is skipped by the same rule)
        ('Democratic candidate Sen. Jan Novak (I-Vt.) on Saturday criticized the plan, saying '
         'the deal goes "nowhere near far enough."',
         [('the deal goes "nowhere near far enough."', "mixed", "Jan Novak")]),
        ('Democratic candidate Sen. Jan Novak (I-Ida.) on Saturday criticized the plan, saying '
         'the deal goes "nowhere near far enough."',
         [('the deal goes "nowhere near far enough."', "mixed", "Jan Novak")]),
        # an abbreviation spaCy's exceptions lack (a rank, a state) ends no sentence
        ("Ruiz said the depot plan was “an insult” to retired Lt. Col. Jan Novak and his family.",
         [("the depot plan was “an insult” to retired Lt. Col. Jan Novak and his family",
           "indirect", "Ruiz")]),
        ("Jan Novak, a rancher from Laredo, Tex., said the fence “will not stop anyone.”",
         [("the fence “will not stop anyone.”", "mixed", "Jan Novak")]),
        # a cue word as the noun of a speaker phrase, and "though" after a quotation's comma
        ('At least half of voters in each ward say each of the two plans is "about right," '
         "though few agree on why.",
         [('each of the two plans is "about right,"', "mixed", "each ward")]),
        # "promises" + a subject and its finite verb; "She's said"; a longer question reach
        ('He promises the council will help "up-skill" workers in the port.',
         [('the council will help "up-skill" workers in the port', "indirect", None)]),
        ('She\'s said she gets her ideas about housing from a "very old book" in the library.',
         [('she gets her ideas about housing from a "very old book" in the library', "mixed",
           None)]),
        ("Jan Novak asked the mayor during a long radio chat on Monday if she would back the "
         "depot.",
         [("if she would back the depot", "indirect", "Jan Novak")]),
        # "claims that" after a comma or "and": a verb in a series, no noun
        ('The mayor, who fights with reporters, claims that the Ledger "takes its marching '
         'orders" from Leeds.',
         [('the Ledger "takes its marching orders" from Leeds', "mixed", "The mayor")]),
        # a headline's "..., Name Says" closed by a full stop
        ("‘Depot Truther’ Jan Novak Is Like A Lawyer’s Worst Client Ever, Ana Ruiz Says.\n\n"
         "The council met on Monday.",
         [("‘Depot Truther’ Jan Novak Is Like A Lawyer’s Worst Client Ever", "indirect",
           "Ana Ruiz")]),
        # a nested curly quotation inside a curly quotation does not close it
        ("“Novak’s claim that the depot “has to do with the harbour and the river” makes clear "
         "he has no idea,” wrote Ana Ruiz.",
         [("“Novak’s claim that the depot “has to do with the harbour and the river” makes "
           "clear he has no idea,”", "direct", "Ana Ruiz")]),
        # "p.m." followed by a capitalised pronoun ends the sentence the tokenizer did not end
        ('Ruiz says she is going to "work hard all day" and await results after the polls close '
         'at 7 p.m. She says "it is odd that so many people are still undecided."',
         [('she is going to "work hard all day" and await results after the polls close at 7 '
           "p.m.", "mixed", "Ruiz"),
          ('"it is odd that so many people are still undecided."', "direct", None)]),
        # "accused X of Y": the one accused and of what; a scare quote alone makes no report
        ('Novak accused the moderators of asking too many "gotcha questions about the depot."',
         [('the moderators of asking too many "gotcha questions about the depot."', "mixed",
           "Novak")]),
        ("Ruiz accused the council of wasting money on the depot.",
         [("the council of wasting money on the depot", "indirect", "Ruiz")]),
        # "“…,” a reference to ...": the writer's remark after the quotation
        ('Alvarez accused her opponent of “selling the city to the highest bidder,” a reference '
         "to his support for the tower.",
         [("her opponent of “selling the city to the highest bidder,”", "mixed", "Alvarez")]),
        # a clause continued after an inline quotation may end with another quotation
        ('Ruiz denied wrongdoing but admitted "one or two instances" where donations may have '
         '"slipped through the cracks."',
         [('"one or two instances" where donations may have "slipped through the cracks."',
           "mixed", "Ruiz")]),
        # a message "reading" a quotation: the message's words are the quote
        ('Novak posted a message on Twitter reading "Thank you Eastgate" moments after the polls '
         "closed.",
         [('"Thank you Eastgate"', "direct", "Novak")]),
        # "responded with" the speakers' own words
        ('Novak supporters responded with chants of "we are with her" until Novak herself spoke '
         "up.",
         [('"we are with her"', "direct", "Novak supporters")]),
        # a naming cue after a relative "which" or "what": the relative clause is the report
        ("The council closed the depot, which Novak called “a disaster for the east side.”",
         [("which Novak called “a disaster for the east side.”", "mixed", "Novak")]),
        ("The rally marked the start of what Ruiz had described as a “new era” for the port.",
         [("what Ruiz had described as a “new era” for the port", "mixed", "Ruiz")]),
        # an opening phrase holding a relative clause: the subject comes after its comma
        ("At a rally in Leeds, which hosts the vote, Novak referred to Ruiz as “a bright mayor” "
         "but described her budget as a “work in progress.”",
         [("her budget as a “work in progress.”", "mixed", "Novak")]),
        # a participle right after a quotation closing on a comma takes the quotation's speaker
        ("Novak said of the vote, ''I don't like it,'' adding that ''they have anger that is "
         "unbelievable.''",
         [("''I don't like it,''", "direct", "Novak"),
          ("''they have anger that is unbelievable.''", "direct", "Novak")]),
    ],
)
def test_construction(suggester: Suggester, text: str,
                      expected: list[tuple[str, str, str | None]]) -> None:
    assert run(suggester, text) == expected


def test_constructions_are_not_quotes_without_a_cue(suggester: Suggester) -> None:
    """What the new rules must not fire on."""
    for text in (
        "The council met for six hours, and when the vote came the plan passed.",
        "Novak Steps Down After Ten Years\n\nThe council thanked him.",
        "The test, which ran for a week, was the largest yet.",
        "Northern Hospital to Add 30 Beds\n\nThe hospital is full.",
        "The documents included 44 letters the council said were lost.",
        "Within half an hour of the vote the council said nothing.",
        "Her new memoir, “Tides and Ledgers: A Life on the Riverton Council,” sold out.",
        "Jan Novak won in Riverton, adding to her lead over the other three candidates.",
        "The Novak campaign maintained a narrow lead in the river wards all night.",
        "Jan Novak announced his candidacy on Monday.",
        "Jan Novak denied it on Monday.",
        # ... and as a noun it is no cue without a possessive speaker
        "The Novak claims of fraud were denied on Monday.",
        "Critics claims were denied.",
        # a topic is not a question's words; a label or a transcript speaker is no source
        "Novak was asked about the depot at the meeting on Monday.",
        "Opinion: The depot plan deserves a second look\n\nThe council voted on Monday.",
        "Analysis: Why the depot vote matters\n\nThe council voted on Monday.",
        "NOVAK: We will look at the depot again next year.",
    ):
        assert run(suggester, text) == [], text


def test_name_after_an_inverted_cue_is_no_clause(suggester: Suggester) -> None:
    """``..., said Dana Reyes, an elections analyst``: the speaker, not what was said."""
    text = ('"Many would call that a defeat for the mayor" if she lost by less, said Dana Reyes, '
            "an elections analyst at the Ledger.")
    assert all(not f[0].startswith("Dana Reyes") for f in run(suggester, text))


def test_a_scare_quote_does_not_make_a_report(suggester: Suggester) -> None:
    """The subject of a cue is looked for when the clause holds the speaker's own words; a
    two-word term after "so-called" is not that (and "-called" is no cue of its own)."""
    text = ('State officials have promised "emergency relief" for dry homes, but Novak says she '
            'has not seen any of it. She thinks the so-called "river plan" exists mostly on paper.')
    assert all("river plan" not in f[0] for f in run(suggester, text))


def test_what_was_answered_is_not_what_was_said(suggester: Suggester) -> None:
    """``responded to that tweet by ...``: "that" after a preposition points at something, and
    the thing answered is no reported clause."""
    text = 'Novak responded to that tweet by calling Ruiz "dopey" on Monday.'
    assert all(not f[0].startswith(("to that", "tweet")) for f in run(suggester, text))
