"""Breadth of the TECHNIQUE vocabulary: whole names of ML methods, by family, on plain sentences.

Each case is a sentence an astronomer's ML paper could write (a few follow arXiv
abstracts, cited by id; arXiv metadata is CC0) and the whole name that must come
out as one TECHNIQUE mention linked to its concept. The negatives are the other
meanings of the short or common-word forms, which must stay untagged.
"""

from __future__ import annotations

import pytest

from astro_ie.extract import Extractor
from astro_ie.models import Abstract
from astro_ie.resources import default_ontology_dir

CASES = [
    # neural architectures
    (
        "Solar wind speed is forecast with a BiGRU.",
        "BiGRU",
        "technique:bidirectional-gated-recurrent-unit",
    ),
    (
        "Satellite trails are detected with EfficientDet.",
        "EfficientDet",
        "technique:efficientdet",
    ),
    (
        "We classify galaxy morphologies with a ResNeXt-50 backbone pre-trained on ImageNet.",
        "ResNeXt-50",
        "technique:resnext",
    ),
    (
        "A Wide ResNet outperforms the baseline on the strong-lens sample.",
        "Wide ResNet",
        "technique:wide-residual-network",
    ),
    (
        "We compare an MLP-Mixer with a vision transformer for radio source classification.",
        "MLP-Mixer",
        "technique:mlp-mixer",
    ),
    ("Cosmic filaments are segmented with a 3D U-Net trained on N-body simulations.", "3D U-Net", "technique:3d-u-net"),
    ("A residual U-Net removes cosmic rays from the exposures.", "residual U-Net", "technique:residual-u-net"),
    ("Coronal holes are segmented with TransUNet and with nnU-Net.", "TransUNet", "technique:transunet"),
    ("Coronal holes are segmented with TransUNet and with nnU-Net.", "nnU-Net", "technique:nnu-net"),
    ("Sunspots are segmented with DeepLabv3+ on HMI continuum images.", "DeepLabv3+", "technique:deeplab"),
    (
        "Radio galaxies are detected with Cascade R-CNN and with deformable DETR.",
        "Cascade R-CNN",
        "technique:cascade-r-cnn",
    ),
    (
        "Radio galaxies are detected with Cascade R-CNN and with deformable DETR.",
        "deformable DETR",
        "technique:deformable-detr",
    ),
    ("Streaks in survey images are found with YOLOv8 and YOLOv11.", "YOLOv11", "technique:you-only-look-once"),
    (
        "We prompt the Segment Anything Model (SAM) with source positions; SAM then returns masks.",
        "SAM",
        "technique:segment-anything-model",
    ),
    (
        "Halo merger trees are embedded with a variational graph autoencoder.",
        "variational graph autoencoder",
        "technique:variational-graph-autoencoder",
    ),
    (
        "A graph autoencoder (GAE) learns the cosmic web; the GAE latent space is clustered.",
        "graph autoencoder",
        "technique:graph-autoencoder",
    ),
    (
        "The galaxy distribution is modelled with a steerable CNN that respects rotations.",
        "steerable CNN",
        "technique:steerable-convolutional-neural-network",
    ),
    (
        "Stellar light curves are modelled with a neural SDE.",
        "neural SDE",
        "technique:neural-stochastic-differential-equation",
    ),
    (
        "Irregularly sampled quasar light curves are modelled with a latent ODE.",
        "latent ODE",
        "technique:latent-ordinary-differential-equation",
    ),
    ("A neural CDE forecasts solar wind speed.", "neural CDE", "technique:neural-controlled-differential-equation"),
    ("Transients are classified with a CNN-LSTM on image sequences.", "CNN-LSTM", "technique:cnn-lstm"),
    (
        "Solar flares are forecast with a convolutional recurrent neural network.",
        "convolutional recurrent neural network",
        "technique:convolutional-recurrent-neural-network",
    ),
    ("Attention gates (AGs) focus the U-Net on faint arcs.", "Attention gates", "technique:attention-gate"),
    (
        "A convolutional block attention module (CBAM) is added after each stage.",
        "convolutional block attention module",
        "technique:convolutional-block-attention-module",
    ),
    (
        "Geomagnetic indices are forecast with an Informer and a temporal fusion transformer.",
        "temporal fusion transformer",
        "technique:temporal-fusion-transformer",
    ),
    (
        "Light curves are classified with Mamba, a selective state space model.",
        "Mamba",
        "technique:structured-state-space-sequence-model",
    ),
    (
        "The radio sky is represented by a sinusoidal representation network.",
        "sinusoidal representation network",
        "technique:sinusoidal-representation-network",
    ),
    ("Spectra are embedded with a triplet network.", "triplet network", "technique:triplet-network"),
    ("Variable stars are classified with InceptionTime and MiniRocket.", "InceptionTime", "technique:inceptiontime"),
    (
        "Variable stars are classified with InceptionTime and MiniRocket.",
        "MiniRocket",
        "technique:random-convolutional-kernel-transform",
    ),
    ("Photometric redshifts are predicted with TabNet and TabPFN.", "TabPFN", "technique:tabpfn"),
    ("We restore JWST images with SwinIR.", "SwinIR", "technique:swinir"),
    (
        "The R2D2 series combines U-Net and WDSR blocks.",  # arXiv:2503.02554 (paraphrased)
        "WDSR",
        "technique:wide-activation-super-resolution-network",
    ),
    # generative models
    (
        "Galaxy images are tokenized with a VQGAN and generated with Stable Diffusion.",
        "VQGAN",
        "technique:vector-quantized-generative-adversarial-network",
    ),
    (
        "Galaxy images are tokenized with a VQGAN and generated with Stable Diffusion.",
        "Stable Diffusion",
        "technique:stable-diffusion",
    ),
    (
        "Mock galaxy images are generated with a progressive growing GAN.",
        "progressive growing GAN",
        "technique:progressive-growing-generative-adversarial-network",
    ),
    ("The generator is trained against a PatchGAN discriminator.", "PatchGAN", "technique:patchgan"),
    (
        "An auxiliary classifier GAN produces labelled spectra.",
        "auxiliary classifier GAN",
        "technique:auxiliary-classifier-generative-adversarial-network",
    ),
    (
        "We use the method of normalizing flows, specifically a neural spline normalizing flow.",  # arXiv:2008.03312 (paraphrased)
        "neural spline normalizing flow",
        "technique:neural-spline-flow",
    ),
    ("The posterior is modelled with FFJORD, a continuous normalizing flow.", "FFJORD", "technique:ffjord"),
    (
        "An affine coupling flow models the joint distribution of stellar parameters.",
        "affine coupling flow",
        "technique:coupling-flow",
    ),
    ("A diffusion transformer (DiT) generates 21-cm maps.", "diffusion transformer", "technique:diffusion-transformer"),
    (
        "Samples are drawn with classifier-free guidance.",
        "classifier-free guidance",
        "technique:classifier-free-guidance",
    ),
    (
        "The score of the prior is learned by denoising score matching.",
        "denoising score matching",
        "technique:score-matching",
    ),
    (
        "Dark matter maps are generated with rectified flow and stochastic interpolants.",
        "rectified flow",
        "technique:rectified-flow",
    ),
    (
        "Galaxy images are modelled with an autoregressive transformer.",
        "autoregressive transformer",
        "technique:autoregressive-generative-model",
    ),
    (
        "Cosmological fields are emulated with generative deep learning.",
        "generative deep learning",
        "technique:deep-generative-model",
    ),
    # probabilistic and Bayesian methods, simulation-based inference
    (
        "The posterior is approximated with Stein variational gradient descent.",
        "Stein variational gradient descent",
        "technique:stein-variational-gradient-descent",
    ),
    (
        "The density of the sample is estimated with multivariate kernel density estimation (KDE).",
        "KDE",
        "technique:kernel-density-estimation",
    ),
    (
        "The density of the sample is estimated with kernel density estimation.",
        "kernel density estimation",
        "technique:kernel-density-estimation",
    ),
    (
        "The stellar variability is modelled with a sparse Gaussian process.",
        "sparse Gaussian process",
        "technique:sparse-gaussian-process",
    ),
    (
        "Fluxes in several bands are modelled jointly with a multi-output Gaussian process.",
        "multi-output Gaussian process",
        "technique:multi-output-gaussian-process",
    ),
    (
        "Uncertainties come from stochastic weight averaging (SWA) of the network weights.",
        "stochastic weight averaging",
        "technique:stochastic-weight-averaging",
    ),
    (
        "We apply deep learning to perform fast likelihood-free Bayesian inference for gravitational waves.",  # arXiv:2008.03312 (paraphrased)
        "likelihood-free Bayesian inference",
        "technique:simulation-based-inference",
    ),
    (
        "We train a neural-network conditional density estimator on simulated strain data.",  # arXiv:2008.03312 (paraphrased)
        "neural-network conditional density estimator",
        "technique:neural-density-estimation",
    ),
    (
        "Cosmological parameters are inferred with marginal neural ratio estimation.",
        "marginal neural ratio estimation",
        "technique:marginal-neural-ratio-estimation",
    ),
    (
        "We use neural quantile estimation to infer the lensing parameters.",
        "neural quantile estimation",
        "technique:neural-quantile-estimation",
    ),
    (
        "Coverage is checked with simulation-based calibration.",
        "simulation-based calibration",
        "technique:simulation-based-calibration",
    ),
    (
        "The model predictions are combined by Bayesian model averaging.",
        "Bayesian model averaging",
        "technique:bayesian-model-averaging",
    ),
    # classical machine learning
    (
        "Redshifts are predicted with a quantile regression forest.",
        "quantile regression forest",
        "technique:quantile-regression-forest",
    ),
    ("We combine the classifiers in a voting ensemble.", "voting ensemble", "technique:voting-ensemble"),
    (
        "Features are ranked with recursive feature elimination and Boruta.",
        "recursive feature elimination",
        "technique:recursive-feature-elimination",
    ),
    (
        "Outliers are flagged with an extended isolation forest.",
        "extended isolation forest",
        "technique:extended-isolation-forest",
    ),
    (
        "The light curves are described by a generalized additive model.",
        "generalized additive model",
        "technique:generalized-additive-model",
    ),
    (
        "We train a histogram-based gradient boosting model.",
        "histogram-based gradient boosting",
        "technique:histogram-based-gradient-boosting",
    ),
    (
        "Feature relevance is measured with permutation feature importance.",
        "permutation feature importance",
        "technique:permutation-feature-importance",
    ),
    ("Light curves are compressed with an LSTM autoencoder.", "LSTM autoencoder", "technique:lstm-autoencoder"),
    ("We train a rotation forest with a Huber loss baseline.", "rotation forest", "technique:rotation-forest"),
    ("Long light curves are modelled with Transformer-XL and xLSTM.", "Transformer-XL", "technique:transformer-xl"),
    (
        "Galaxy images are generated with NVAE, a hierarchical VAE.",
        "NVAE",
        "technique:hierarchical-variational-autoencoder",
    ),
    ("The halo graph is embedded with node2vec.", "node2vec", "technique:node2vec"),
    ("We describe spectra to LLaVA and BLIP-2.", "LLaVA", "technique:llava"),
    ("Training dynamics follow the neural tangent kernel.", "neural tangent kernel", "technique:neural-tangent-kernel"),
    (
        "The mixture is fitted by expectation–maximization.",
        "expectation–maximization",
        "technique:expectation-maximization",
    ),
    ("The policy is trained with an actor–critic method.", "actor–critic", "technique:actor-critic"),
    ("Segmentation masks come from Mask2Former and SegFormer.", "SegFormer", "technique:segformer"),
    (
        "Orbits are learned by an interaction network on the particle graph.",
        "interaction network",
        "technique:interaction-network",
    ),
    ("Documents are represented as a bag of words.", "bag of words", "technique:bag-of-words"),
    # clustering and dimensionality reduction
    (
        "The latent space is projected with parametric UMAP.",
        "parametric UMAP",
        "technique:uniform-manifold-approximation-and-projection",
    ),
    ("Spectra are grouped with mini-batch k-means.", "mini-batch k-means", "technique:mini-batch-k-means"),
    (
        "Communities of co-moving stars are found with the Leiden algorithm.",
        "Leiden algorithm",
        "technique:leiden-algorithm",
    ),
    (
        "The stellar spectra are compressed with weighted PCA.",
        "weighted PCA",
        "technique:weighted-principal-component-analysis",
    ),
    ("The embedding is visualised with PaCMAP and TriMap.", "PaCMAP", "technique:pacmap"),
    ("Galaxy spectra are decomposed by archetypal analysis.", "archetypal analysis", "technique:archetypal-analysis"),
    (
        "The light curves are summarized with functional principal component analysis.",
        "functional principal component analysis",
        "technique:functional-principal-component-analysis",
    ),
    # paradigms and training methods
    (
        "Domain randomization of the PSF lets the network transfer to real images.",
        "Domain randomization",
        "technique:domain-randomization",
    ),
    (
        "The learned message functions are turned into equations by symbolic distillation.",
        "symbolic distillation",
        "technique:symbolic-distillation",
    ),
    (
        "The encoder is pre-trained by masked image modeling.",
        "masked image modeling",
        "technique:masked-image-modeling",
    ),
    ("We pre-train with VICReg and with SwAV.", "VICReg", "technique:vicreg"),
    ("We train with noise augmentation to make the network robust.", "noise augmentation", "technique:noise-injection"),
    ("The training images are augmented with CutMix and random erasing.", "random erasing", "technique:random-erasing"),
    (
        "Candidates to label are chosen by Bayesian active learning by disagreement (BALD).",
        "Bayesian active learning by disagreement",
        "technique:bayesian-active-learning-by-disagreement",
    ),
    (
        "The model is compressed by network pruning and quantization-aware training.",
        "quantization-aware training",
        "technique:quantization-aware-training",
    ),
    ("We evaluate the representation by linear probing.", "linear probing", "technique:linear-probing"),
    (
        "Hyperparameters are chosen with the tree-structured Parzen estimator.",
        "tree-structured Parzen estimator",
        "technique:tree-structured-parzen-estimator",
    ),
    ("The orbit design uses ant colony optimization.", "ant colony optimization", "technique:ant-colony-optimization"),
    (
        "We adopt multiple instance learning for the cube classification.",
        "multiple instance learning",
        "technique:multiple-instance-learning",
    ),
    (
        "Observers label objects in an interactive machine learning loop.",
        "interactive machine learning",
        "technique:interactive-machine-learning",
    ),
    # reinforcement learning
    (
        "Model-Based Reinforcement Learning for adaptive optics control.",  # arXiv:2104.13685 (paraphrased)
        "Model-Based Reinforcement Learning",
        "technique:model-based-reinforcement-learning",
    ),
    ("We use model-based RL; MBRL learns a dynamics model.", "MBRL", "technique:model-based-reinforcement-learning"),
    (
        "A model-free reinforcement learning agent schedules the observations.",
        "model-free reinforcement learning",
        "technique:model-free-reinforcement-learning",
    ),
    (
        "The telescope is pointed by a deep deterministic policy gradient agent.",
        "deep deterministic policy gradient",
        "technique:deep-deterministic-policy-gradient",
    ),
    (
        "The scheduler is trained with advantage actor-critic.",
        "advantage actor-critic",
        "technique:advantage-actor-critic",
    ),
    (
        "Follow-up targets are chosen by Monte Carlo tree search.",
        "Monte Carlo tree search",
        "technique:monte-carlo-tree-search",
    ),
    (
        "Exposure times are chosen as a multi-armed bandit with Thompson sampling.",
        "Thompson sampling",
        "technique:thompson-sampling",
    ),
    # interpretability
    ("Attributions are computed with DeepLIFT and SmoothGrad.", "DeepLIFT", "technique:deeplift"),
    (
        "We inspect the network with guided backpropagation.",
        "guided backpropagation",
        "technique:guided-backpropagation",
    ),
    (
        "The classifier is probed with occlusion sensitivity maps.",
        "occlusion sensitivity maps",
        "technique:occlusion-sensitivity",
    ),
    (
        "Partial dependence plots show the effect of each feature.",
        "Partial dependence plots",
        "technique:partial-dependence-plot",
    ),
    # language models and NLP
    ("Abstracts are embedded with Sentence-BERT and SciBERT.", "SciBERT", "technique:scibert"),
    ("Abstracts are embedded with Sentence-BERT and SciBERT.", "Sentence-BERT", "technique:sentence-bert"),
    ("We compare GloVe and fastText word vectors.", "GloVe", "technique:global-vectors-for-word-representation"),
    (
        "Answers are generated with chain-of-thought prompting.",
        "chain-of-thought prompting",
        "technique:chain-of-thought-prompting",
    ),
    ("We query ChatGPT and Llama 3 about the observing logs.", "ChatGPT", "technique:chatgpt"),
    ("Light curves are forecast zero-shot with Moirai2 and TimesFM.", "Moirai2", "technique:moirai"),
    ("Summaries are written by GPT-4o.", "GPT-4o", "technique:generative-pre-trained-transformer"),
    ("We query ChatGPT and Llama 3 about the observing logs.", "Llama 3", "technique:llama"),
    (
        "The papers are grouped by latent semantic analysis.",
        "latent semantic analysis",
        "technique:latent-semantic-analysis",
    ),
    # named loss functions
    (
        "Hierarchical Cross-entropy Loss for classification of transients.",  # arXiv:2312.02266 (paraphrased)
        "Hierarchical Cross-entropy Loss",
        "technique:hierarchical-cross-entropy-loss",
    ),
    ("The imbalance is handled with a focal loss.", "focal loss", "technique:focal-loss"),
    ("The embedding is trained with a triplet loss.", "triplet loss", "technique:triplet-loss"),
    # meaning-changing modifiers
    (
        "We use Latent Stochastic Differential Equations to model quasar variability.",  # arXiv:2304.04277 (paraphrased)
        "Latent Stochastic Differential Equations",
        "technique:latent-stochastic-differential-equation",
    ),
    (
        "We use Latent SDEs to model quasar variability.",
        "Latent SDEs",
        "technique:latent-stochastic-differential-equation",
    ),
    # the tree-based family named as a family (arXiv:2111.12369, arXiv:2404.01269)
    ("We test tree-based algorithms on X-ray features.", "tree-based algorithms", "technique:tree-based-model"),
    ("Classes are predicted with tree-based machine-learning.", "tree-based machine-learning",
     "technique:tree-based-model"),
    ("An advanced decision tree-based machine learning classifier is used.", "decision tree",
     "technique:decision-tree"),
]

NOT_TECHNIQUES = [
    ("A multivariate Gaussian describes the errors in the latent space.", "multivariate"),
    ("A model-free estimate of the weighted mean is given.", "model-free"),
    ("The bolometers reach BLIP performance under the sky background.", "BLIP"),
    ("The spectra are continuum normalized; spectral normalization uses a spline.", "normalization"),
    ("The mass-temperature scaling relation of clusters is steep.", "temperature scaling"),
    ("Baryon acoustic oscillations are a linear probe of expansion.", "linear probe"),
    ("Cosmic rays undergo a stable diffusion through the halo.", "diffusion"),
    ("The T5 dwarf shows methane absorption.", "T5"),
    ("Deep clustering measurements of galaxies constrain the bias.", "Deep clustering"),
    ("A consistency model of the cluster gas is built.", "consistency model"),
    ("The coupling layer between the disc and corona heats the plasma.", "coupling layer"),
    ("The sample was reduced with the MARS software.", "MARS"),
    ("The SAM instrument on SOAR corrects ground-layer turbulence.", "SAM"),
    # a paradigm's adjective before a task or a manner describes the task (arXiv:2207.04725, arXiv:2412.01150,
    # arXiv:2010.07457)
    ("Additionally, we perform an unsupervised search among both known and unID populations.", "unsupervised"),
    ("It scored higher than our standard supervised baseline.", "supervised"),
]


# A meaning-changing modifier (ontologies/rules/span.yaml) before a known technique keeps the whole
# name; the ontology lacks it, so it links to a candidate under the known concept.
MODIFIED = [
    (
        "The density is estimated with multivariate kernel density estimation (KDE).",  # arXiv:2602.22816
        "multivariate kernel density estimation",
        "candidate:multivariate-kernel-density-estimation",
    ),
    (
        "We minimize a weighted hierarchical cross-entropy loss.",  # arXiv:2312.02266 (paraphrased)
        "weighted hierarchical cross-entropy loss",
        "candidate:weighted-hierarchical-cross-entropy-loss",
    ),
    (
        "The emulator is a multi-fidelity Gaussian process.",
        "multi-fidelity Gaussian process",
        "candidate:multi-fidelity-gaussian-process",
    ),
    (
        "We apply adversarial domain adaptation to the spectra.",
        "adversarial domain adaptation",
        "candidate:adversarial-domain-adaptation",
    ),
    (
        "A complex-valued convolutional neural network images the visibilities.",
        "complex-valued convolutional neural network",
        "candidate:complex-valued-convolutional-neural-network",
    ),
    (
        "Maps are drawn by a latent diffusion transformer.",
        "latent diffusion transformer",
        "candidate:latent-diffusion-transformer",
    ),
    ("A generative transformer writes the spectra.", "generative transformer", "candidate:generative-transformer"),
]


@pytest.fixture(scope="module")
def tagged() -> dict[str, list[tuple[str, str, str]]]:
    """Every sentence tagged once, in one batch: sentence -> (text, label, concept) of each mention."""
    sentences = sorted({s for s, _, _ in CASES + MODIFIED} | {s for s, _ in NOT_TECHNIQUES})
    extractor = Extractor(default_ontology_dir())
    records = [Abstract(id=f"s{i}", title="", abstract=s) for i, s in enumerate(sentences)]
    out = {r.id: r for r in extractor.tag(records)}
    return {s: [(e.text, e.label, e.concept_id) for e in out[f"s{i}"].entities] for i, s in enumerate(sentences)}


@pytest.mark.parametrize(("sentence", "name", "concept"), CASES, ids=[n for _, n, _ in CASES])
def test_whole_name_is_tagged_with_its_concept(tagged, sentence, name, concept):
    assert (name, "TECHNIQUE", concept) in tagged[sentence], tagged[sentence]


@pytest.mark.parametrize(("sentence", "name", "concept"), MODIFIED, ids=[n for _, n, _ in MODIFIED])
def test_meaning_changing_modifiers_keep_the_whole_name(tagged, sentence, name, concept):
    assert (name, "TECHNIQUE", concept) in tagged[sentence], tagged[sentence]


@pytest.mark.parametrize(("sentence", "word"), NOT_TECHNIQUES, ids=[w for _, w in NOT_TECHNIQUES])
def test_other_meanings_are_not_techniques(tagged, sentence, word):
    assert not [m for m in tagged[sentence] if m[1] == "TECHNIQUE" and word in m[0]], tagged[sentence]
